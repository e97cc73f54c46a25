#include "CliCommand.h"

#include <QRegularExpression>

namespace skyweave::cli {

int parseCommandLine(QCommandLineParser& parser, const QStringList& args, const QString& commandName,
                     const QString& description, CliContext& ctx) {
    parser.setApplicationDescription(description);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption helpOption({"h", "help"}, QStringLiteral("Show this help and exit."));
    parser.addOption(helpOption);
    if (!parser.parse(args)) return usageError(ctx, commandName, parser.errorText());
    if (parser.isSet(helpOption)) {
        QString help = parser.helpText();
        // QCommandLineParser names the binary as it was started (argv[0], often a full path) and
        // not the subcommand; man pages and the bash completion are generated from this text.
        static const QRegularExpression usageProgram(QStringLiteral("^Usage: \\S+"));
        help.replace(usageProgram, QStringLiteral("Usage: skyweave-cli ") + commandName);
        ctx.out << help;
        ctx.out << "\nExit codes: 0 ok, 1 failure, 2 bad usage, 3 cancelled or partial.\n";
        ctx.out.flush();
        return kExitOk;
    }
    return kContinue;
}

int usageError(CliContext& ctx, const QString& commandName, const QString& message) {
    ctx.err << "skyweave-cli " << commandName << ": " << message << "\n"
            << "Try 'skyweave-cli " << commandName << " --help'.\n";
    ctx.err.flush();
    return kExitUsage;
}

}  // namespace skyweave::cli
