#pragma once

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include "common/CancelToken.h"

namespace skyweave::cli {

/// Exit codes of skyweave-cli, documented in `skyweave-cli --help`.
enum ExitCode : int {
    kExitOk = 0,         ///< everything asked for was done
    kExitFailure = 1,    ///< the job failed (bad input, I/O, memory); the message says why
    kExitUsage = 2,      ///< the command line itself is wrong
    kExitCancelled = 3,  ///< cancelled (Ctrl-C) or only partly done
};

/// What a command may touch: its output streams and the process-wide cancel flag (Ctrl-C).
struct CliContext {
    QTextStream& out;
    QTextStream& err;
    CancelToken cancel;
};

/// One `skyweave-cli NAME ...` subcommand.
class CliCommand {
public:
    virtual ~CliCommand() = default;
    [[nodiscard]] virtual QString name() const = 0;
    [[nodiscard]] virtual QString summary() const = 0;
    /// @param args the command's own arguments, starting with "skyweave-cli NAME".
    virtual int run(const QStringList& args, CliContext& ctx) = 0;
};

/**
 * @brief Parses a subcommand's arguments with the common --help handling and error text.
 *
 * @return kContinue when parsing succeeded and the command should go on; otherwise the
 *         exit code to return at once (kExitOk after --help, kExitUsage after a usage error).
 */
constexpr int kContinue = -1;

int parseCommandLine(QCommandLineParser& parser, const QStringList& args, const QString& commandName,
                     const QString& description, CliContext& ctx);

/// Prints "skyweave-cli NAME: message" plus the --help hint on err and returns kExitUsage.
int usageError(CliContext& ctx, const QString& commandName, const QString& message);

}  // namespace skyweave::cli
