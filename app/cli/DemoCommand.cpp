#include "DemoCommand.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <algorithm>
#include <filesystem>

#include "CommandRegistry.h"
#include "JobConsole.h"
#include "jobs/SampleJob.h"
#include "SampleCliSupport.h"
#include "common/Errors.h"

namespace skyweave::cli {

namespace {

namespace fs = std::filesystem;

/// One job of the demo: a registered command and its arguments (without the program name).
struct DemoStep {
    QString title;
    QString command;
    QStringList args;
    qsizetype inputCount = 0;  ///< the leading args that are input files (shown as a wildcard)
};

QStringList qpaths(const std::vector<fs::path>& files) {
    QStringList list;
    for (const auto& f : files) list << qpath(f);
    return list;
}

/// A results folder that holds nothing yet: DIR/results, else DIR/results-2, -3, …
fs::path freshResultsFolder(const fs::path& outDir) {
    for (int n = 1;; ++n) {
        const fs::path candidate = outDir / (n == 1 ? std::string("results") : "results-" + std::to_string(n));
        std::error_code ec;
        if (!fs::exists(candidate, ec)) {
            fs::create_directories(candidate, ec);
            if (ec)
                throw SkyweaveError(ErrorKind::Io, candidate.string() + ": cannot create the folder: " + ec.message());
            return candidate;
        }
    }
}

std::vector<DemoStep> demoSteps(const sample::SampleManifest& m, const fs::path& results) {
    const QStringList frames = qpaths(m.fitsFrames);
    const QString object = QString::fromStdString(m.objectName);
    const QStringList stackCommon{"--method", "median", "--reject", "sigma"};
    std::vector<DemoStep> steps;
    const QString stars = qpath(results / "stack_stars_median.fits");
    steps.push_back({"Stack aligned on the stars (WCS), median with sigma rejection", "stack",
                     frames + QStringList{"-o", stars} + stackCommon + QStringList{"--align", "wcs"}, frames.size()});
    const QString tracked = qpath(results / "stack_asteroid_median.fits");
    steps.push_back({"Stack tracking asteroid '" + object + "' from its ephemeris", "stack",
                     frames + QStringList{"-o", tracked} + stackCommon +
                         QStringList{"--object", object, "--ephemeris", qpath(m.ephemerisCsv)},
                     frames.size()});
    const QStringList loop = qpaths(m.loopFrames);
    steps.push_back({"Interpolate the cloud loop 4x and encode it", "interpolate",
                     loop + QStringList{"-o", qpath(results / "loop_x4.mp4"), "--factor", "4"}, loop.size()});
    return steps;
}

/// How a step is shown: the folder of the inputs instead of every file name.
QString displayCommand(const DemoStep& step) {
    QStringList shown = step.args;
    const qsizetype inputs = step.inputCount;
    if (inputs > 1 && shown.size() > inputs) {
        const QString first = shown.first();
        shown = QStringList{QFileInfo(first).path() + "/*" + QFileInfo(first).suffix().prepend('.')} +
                shown.mid(inputs);
    }
    for (QString& a : shown)
        if (a.contains(' ')) a = '"' + a + '"';
    return "skyweave-cli " + step.command + " " + shown.join(' ');
}

/// What became of one step, for the closing summary.
enum class StepOutcome { Done, Failed, NotAvailable };

StepOutcome runStep(const DemoStep& step, CliContext& ctx) {
    ctx.out << "\n== " << step.title << "\n";
    for (const auto& command : createCommands()) {
        if (command->name() != step.command) continue;
        ctx.out << "$ " << displayCommand(step) << "\n";
        ctx.out.flush();
        const int code = command->run(QStringList{"skyweave-cli"} + step.args, ctx);
        ctx.out.flush();
        if (code == kExitCancelled) throw CancelledError();
        if (code == kExitOk) return StepOutcome::Done;
        ctx.err << "skyweave-cli demo: '" << step.command << "' ended with exit code " << code << "\n";
        ctx.err.flush();
        return StepOutcome::Failed;
    }
    ctx.out << "The '" << step.command << "' command is not available in this build yet; skipped.\n";
    ctx.out.flush();
    return StepOutcome::NotAvailable;
}

void listFiles(QTextStream& out, const fs::path& folder) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::recursive_directory_iterator(folder, ec))
        if (entry.is_regular_file() && entry.path().filename().string().front() != '.') files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    if (files.empty()) out << "  (none)\n";
    for (const auto& f : files) out << "  " << qpath(f) << "  (" << fs::file_size(f, ec) / 1024 << " KiB)\n";
}

}  // namespace

int DemoCommand::run(const QStringList& args, CliContext& ctx) {
    QCommandLineParser parser;
    parser.addOption({"out", "Write the sample and the results below DIR instead of a new temporary folder.", "DIR"});
    addSampleSizeOptions(parser);
    const QString description =
        "Shows Skyweave at work: writes the sample data (see 'skyweave-cli sample --help') into DIR or a\n"
        "new folder under the system temporary folder (kept), then stacks the FITS frames twice (aligned on\n"
        "the stars, and tracking the asteroid from its ephemeris) and interpolates the cloud loop 4x into an\n"
        "MP4, writing into DIR/results. Jobs this build does not have yet are skipped with a note.";
    if (const int code = parseCommandLine(parser, args, name(), description, ctx); code != kContinue) return code;
    if (!parser.positionalArguments().isEmpty())
        return usageError(ctx, name(), "unexpected argument '" + parser.positionalArguments().first() + "'");
    if (parser.isSet("out") && parser.value("out").isEmpty()) return usageError(ctx, name(), "--out needs a folder");

    sample::SampleOptions options;
    options.overwrite = true;  // the demo's own sample files; earlier results are never replaced
    if (const auto problem = applySampleSizeOptions(parser, options)) return usageError(ctx, name(), *problem);

    fs::path outDir;
    if (parser.isSet("out")) {
        outDir = parser.value("out").toStdString();
    } else {
        QTemporaryDir temp(QDir::tempPath() + "/skyweave-demo-XXXXXX");
        if (!temp.isValid()) {
            ctx.err << "skyweave-cli demo: cannot create a folder in " << QDir::tempPath() << ": "
                    << temp.errorString() << "\n";
            return kExitFailure;
        }
        temp.setAutoRemove(false);
        outDir = temp.path().toStdString();
    }

    std::vector<std::pair<DemoStep, StepOutcome>> outcomes;
    fs::path results;
    try {
        auto sampleJob = std::make_shared<SampleJob>(qpath(outDir), options);
        const JobEnd end = runJobInConsole(sampleJob, ctx, {name(), QStringLiteral("files")});
        if (end.state == Job::State::Cancelled) throw CancelledError();
        if (end.state != Job::State::Finished) throw SkyweaveError(ErrorKind::Io, end.message.toStdString());
        const sample::SampleManifest& manifest = sampleJob->manifest();
        printSampleManifest(ctx.out, manifest, options);
        results = freshResultsFolder(outDir);
        for (const DemoStep& step : demoSteps(manifest, results)) {
            ctx.cancel.throwIfCancelled();
            outcomes.emplace_back(step, runStep(step, ctx));
        }
    } catch (const CancelledError&) {
        ctx.err << "skyweave-cli demo: cancelled; files already finished are in " << qpath(outDir) << "\n";
        return kExitCancelled;
    } catch (const SkyweaveError& e) {
        ctx.err << "skyweave-cli demo: " << e.what() << "\n";
        return kExitFailure;
    }
    ctx.out << "\nJobs:\n";
    bool failed = false;
    for (const auto& [step, outcome] : outcomes) {
        failed = failed || outcome == StepOutcome::Failed;
        const char* what = outcome == StepOutcome::Done     ? "done"
                           : outcome == StepOutcome::Failed ? "FAILED (see the message above)"
                                                            : "not available in this build yet";
        ctx.out << "  " << step.title << ": " << what << "\n";
    }
    ctx.out << "\nResults in " << qpath(results) << ":\n";
    listFiles(ctx.out, results);
    ctx.out << "Sample data and results are kept in " << qpath(outDir) << "\n";
    ctx.out.flush();
    return failed ? kExitFailure : kExitOk;
}

}  // namespace skyweave::cli
