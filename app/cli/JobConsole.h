#pragma once

#include <QCommandLineParser>
#include <QString>
#include <memory>
#include <mutex>

#include "CliCommand.h"
#include "jobs/Job.h"

namespace skyweave::cli {

/// How a command shows its job on stderr.
struct ConsoleOptions {
    QString prefix;             ///< "[stack]"-style tag: the command's name
    QString unit;               ///< what progress counts ("strips", "frames"), for the rate
    bool verbose = false;       ///< also debug log lines
    bool jsonEvents = false;    ///< one JSON object per line instead of text (for scripts and other front ends)
};

/// How a job ended, for the command to print its result or the reason.
struct JobEnd {
    Job::State state = Job::State::Pending;
    QString message;  ///< finished(): the summary; failed(): the error
};

/// Adds --verbose and --progress-json, the options every job command shares.
void addConsoleOptions(QCommandLineParser& parser);
/// The options as given: prefix = the command's name, unit = what its progress counts.
ConsoleOptions consoleOptions(const QCommandLineParser& parser, const QString& command, const QString& unit);

/**
 * @brief Runs one core Job through a JobRunner, as the GUI does, and shows it on the console.
 *
 * Progress (at most four lines a second plus the last), log lines, memory warnings and the job's
 * own resource changes go to ctx.err as they happen, from the job's thread. The job shares the
 * command's cancel flag, so Ctrl-C cancels it at its next strip or frame boundary. Returns when
 * the job has emitted its terminal signal.
 */
JobEnd runJobInConsole(const std::shared_ptr<Job>& job, CliContext& ctx, const ConsoleOptions& options);

/**
 * @brief Prints why a job did not finish ("skyweave-cli stack: …" or the cancel note) and returns
 *        the exit code: kExitFailure, kExitCancelled; kExitOk for a finished job (nothing printed).
 */
int exitCodeFor(const JobEnd& end, CliContext& ctx, const QString& command, const QString& cancelNote);

}  // namespace skyweave::cli
