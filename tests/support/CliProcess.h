#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace skyweave::test {

/// What one run of the real skyweave-cli binary returned and printed.
struct CliProcessRun {
    int code = -1;  ///< exit code; -2 when it crashed, -1 when it did not finish in time
    QString out, err;
};

/// Runs `skyweave-cli ARGS...` (SKYWEAVE_CLI_PATH) as a child process; a hang is killed after `timeoutMs`.
inline CliProcessRun runCliProcess(const QStringList& args, int timeoutMs = 60000) {
    QProcess p;
    p.start(QStringLiteral(SKYWEAVE_CLI_PATH), args);
    CliProcessRun r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("did not finish within %1 ms").arg(timeoutMs);
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

}  // namespace skyweave::test
