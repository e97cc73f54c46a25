#include "CliApplication.h"

#include <memory>

#include "CliCommand.h"
#include "CommandRegistry.h"
#include "common/BuildInfo.h"

namespace skyweave::cli {

namespace {

void printUsage(QTextStream& out, const std::vector<std::unique_ptr<CliCommand>>& commands) {
    out << "Usage: skyweave-cli COMMAND [OPTIONS...]\n"
           "   or: skyweave-cli --version | --help\n\n"
           "Skyweave stacks FITS frames and interpolates image sequences into videos\n"
           "within a memory limit. Each command has its own --help.\n\n"
           "Commands:\n";
    for (const auto& c : commands) out << "  " << c->name().leftJustified(13) << c->summary() << "\n";
    out << "\nEnvironment:\n"
           "  SKYWEAVE_MAX_MEMORY_MB              working memory the pipelines plan for (default 1000)\n"
           "  SKYWEAVE_MEMORY_WARNING_THRESHOLD   MB available below which memory is Low (default 500)\n"
           "  SKYWEAVE_MEMORY_CRITICAL_THRESHOLD  MB available below which memory is Critical (default 200)\n"
           "  SKYWEAVE_PROC_ROOT                  read /proc and cgroup files below this folder\n"
           "\nExit codes:\n"
           "  0  ok\n"
           "  1  failure (the message names the file and the cause)\n"
           "  2  bad usage (unknown command or option, invalid value)\n"
           "  3  cancelled (Ctrl-C) or partial result\n";
    out.flush();
}

void printVersion(QTextStream& out) {
    out << "skyweave-cli " << QString::fromStdString(versionString()) << "\n";
    for (const auto& [name, version] : libraryVersions())
        out << "  " << QString::fromStdString(name) << " " << QString::fromStdString(version) << "\n";
    out.flush();
}

}  // namespace

int runCli(const QStringList& args, QTextStream& out, QTextStream& err, const CancelToken& cancel) {
    auto commands = createCommands();
    if (args.size() < 2) {
        printUsage(err, commands);
        return kExitUsage;
    }
    const QString first = args.at(1);
    if (first == "--help" || first == "-h" || first == "help") {
        printUsage(out, commands);
        return kExitOk;
    }
    if (first == "--version" || first == "-v") {
        printVersion(out);
        return kExitOk;
    }
    for (const auto& command : commands) {
        if (command->name() != first) continue;
        CliContext ctx{out, err, cancel};
        QStringList commandArgs = args.mid(1);
        commandArgs[0] = args.at(0);  // QCommandLineParser expects the program name first
        const int code = command->run(commandArgs, ctx);
        out.flush();
        err.flush();
        return code;
    }
    err << "skyweave-cli: unknown command '" << first << "'.\n";
    printUsage(err, commands);
    return kExitUsage;
}

}  // namespace skyweave::cli
