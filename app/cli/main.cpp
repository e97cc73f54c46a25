// skyweave-cli: the headless twin of the GUI. All logic lives in CliApplication.
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>
#include <csignal>
#include <cstdio>

#include "CliApplication.h"

namespace {
skyweave::CancelToken gCancel;

extern "C" void onInterrupt(int) {
    // First Ctrl-C asks the running job to stop cleanly (temp files removed, exit code 3);
    // a second one falls back to the default action and kills the process.
    gCancel.requestCancel();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}
}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName("Skyweave");
    QCoreApplication::setApplicationName("skyweave-cli");
    // Jobs log through their observer (stderr text or JSON lines): the jobs' own Qt log category would
    // print every line a second time and break --progress-json.
    QLoggingCategory::setFilterRules(QStringLiteral("skyweave.job.info=false\nskyweave.job.warning=false"));
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    // Past a file-size limit (ulimit -f) the kernel would kill the process with SIGXFSZ, leaving a
    // half-written temporary; ignored, the write fails with EFBIG, which is reported and cleaned up.
    std::signal(SIGXFSZ, SIG_IGN);
    QTextStream out(stdout);
    QTextStream err(stderr);
    return skyweave::cli::runCli(QCoreApplication::arguments(), out, err, gCancel);
}
