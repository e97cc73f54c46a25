#pragma once

#include <sys/resource.h>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace skyweave::test {

/// Threads of this process right now (entries of /proc/self/task).
inline int threadCount() {
    int n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/self/task")) ++n;
    return n;
}

/**
 * @brief The thread count once it is at most `atMost`, or after `timeoutMs` (whatever it is then).
 *
 * QThread::wait() returns when a thread's work is over, slightly before the kernel task is gone
 * (Qt's threads are detached), so a joined pool may still show its threads for a moment.
 */
inline int settledThreadCount(int atMost, int timeoutMs = 5000) {
    for (int waited = 0;; waited += 10) {
        const int n = threadCount();
        if (n <= atMost || waited >= timeoutMs) return n;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

/// The thread count once it has stopped falling for 200 ms: a baseline after earlier work.
inline int quietThreadCount() {
    int last = threadCount();
    for (int still = 0; still < 20;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        const int n = threadCount();
        still = n < last ? 0 : still + 1;
        last = n;
    }
    return last;
}

/// "main, QThread, …": the names of this process's threads, for messages when a count is off.
inline std::string threadNames() {
    std::string names;
    for (const auto& e : std::filesystem::directory_iterator("/proc/self/task")) {
        std::ifstream comm(e.path() / "comm");
        std::string name;
        std::getline(comm, name);
        names += (names.empty() ? "" : ", ") + name;
    }
    return names;
}

/// Names in `dir` (not recursive), hidden ones included: a leftover temporary shows up here.
inline std::set<std::string> listing(const std::filesystem::path& dir) {
    std::set<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir)) names.insert(e.path().filename().string());
    return names;
}

inline std::string fileBytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

/// What a `skyweave-cli` child process returned and printed.
struct ChildRun {
    int code = -1;
    bool crashed = false;
    QString out, err;
};

/// Waits for a started child process and collects its exit and output.
inline ChildRun finishChild(QProcess& p, int timeoutMs = 60000) {
    p.waitForFinished(timeoutMs);
    ChildRun r;
    r.crashed = p.exitStatus() == QProcess::CrashExit;
    r.code = r.crashed ? -1 : p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

/// How the child is started: a file-size limit (RLIMIT_FSIZE, 0 = none) and whether SIGXFSZ is ignored
/// in the child before exec (the product also ignores it itself; both ways are tested).
struct ChildLimits {
    std::uint64_t fileSizeLimitBytes = 0;
    bool ignoreSigxfsz = true;
};

/// Runs `skyweave-cli ARGS...` as a real child process (the installed binary's code path, signals and
/// limits).
inline ChildRun runCliChild(const QStringList& args, ChildLimits limits = {}, int timeoutMs = 60000) {
    QProcess p;
    if (limits.fileSizeLimitBytes > 0) {
        // Runs in the child between fork and exec: only async-signal-safe calls.
        p.setChildProcessModifier([limits] {
            const rlimit lim{static_cast<rlim_t>(limits.fileSizeLimitBytes),
                             static_cast<rlim_t>(limits.fileSizeLimitBytes)};
            ::setrlimit(RLIMIT_FSIZE, &lim);
            if (limits.ignoreSigxfsz)
                ::signal(SIGXFSZ, SIG_IGN);
            else
                ::signal(SIGXFSZ, SIG_DFL);
        });
    }
    p.start(SKYWEAVE_CLI_PATH, args);
    return finishChild(p, timeoutMs);
}

}  // namespace skyweave::test
