#pragma once

#include <QString>
#include <QStringList>
#include <QTextStream>

#include "CliApplication.h"

namespace skyweave::test {

/// What one in-process `skyweave-cli` run returned and printed.
struct CliRun {
    int code = -1;
    QString out;
    QString err;
};

/// Runs `skyweave-cli ARGS...` in process with captured streams.
inline CliRun runCli(const QStringList& args) {
    CliRun r;
    QTextStream out(&r.out);
    QTextStream err(&r.err);
    r.code = cli::runCli(QStringList{"skyweave-cli"} + args, out, err);
    return r;
}

}  // namespace skyweave::test
