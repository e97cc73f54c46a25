#include "StackCommand.h"

#include "JobConsole.h"
#include "SchemaOptions.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "jobs/StackJob.h"
#include "memory/MemoryMonitor.h"
#include "memory/ProcReader.h"
#include "stack/StackSchema.h"

namespace skyweave::cli {
namespace {

/// Frequent samples: a CLI stack is often the only thing running, and pressure must be caught early.
constexpr int kMonitorIntervalMs = 500;

QJsonObject toJson(const StackOutcome& outcome) {
    const StackResult& r = outcome.result;
    QJsonArray used, skipped;
    for (const auto& f : r.used) {
        QJsonObject o{{"file", QString::fromStdString(f.path.string())}, {"dx", f.transform.tx}, {"dy", f.transform.ty}};
        if (!f.transform.isTranslation())
            o["matrix"] = QJsonArray{f.transform.a, f.transform.b, f.transform.c, f.transform.d};
        used.append(o);
    }
    for (const auto& s : r.skipped)
        skipped.append(QJsonObject{{"file", QString::fromStdString(s.path.string())}, {"reason", QString::fromStdString(s.reason)}});
    return QJsonObject{{"output", QString::fromStdString(r.output.string())},
                       {"width", r.width},
                       {"height", r.height},
                       {"frames_used", used},
                       {"frames_skipped", skipped},
                       {"strips", r.strips},
                       {"rows_per_strip", r.rowsPerStrip},
                       {"workers", r.workers},
                       {"chunked", r.chunked},
                       {"chunks", r.chunks},
                       {"approximate", r.approximate},
                       {"allocation_retries", r.allocationRetries},
                       {"planned_peak_bytes", static_cast<double>(r.plannedPeakBytes)},
                       {"peak_rss_bytes", static_cast<double>(ProcReader::sampleNow().processPeakBytes)},
                       {"total_exptime_s", r.totalExposureSeconds},
                       {"registration_seconds", outcome.registrationSeconds},
                       {"combine_seconds", outcome.combineSeconds},
                       {"seconds", r.seconds}};
}

void printText(QTextStream& out, const StackOutcome& outcome) {
    const StackResult& r = outcome.result;
    out << "Stacked " << r.used.size() << " frames (" << r.skipped.size() << " skipped) into "
        << QString::fromStdString(r.output.string()) << " in " << QString::number(r.seconds, 'f', 2) << " s, " << r.strips
        << " strips" << (r.chunked ? QStringLiteral(", %1 frame chunks").arg(r.chunks) : QString())
        << (r.approximate ? " (APPROXIMATE)" : "") << "; registration " << QString::number(outcome.registrationSeconds, 'f', 2)
        << " s, combine " << QString::number(outcome.combineSeconds, 'f', 2) << " s\n";
    for (const auto& s : r.skipped)
        out << "  skipped " << QString::fromStdString(s.path.string()) << ": " << QString::fromStdString(s.reason) << "\n";
}

}  // namespace

int StackCommand::run(const QStringList& args, CliContext& ctx) {
    QCommandLineParser parser;
    parser.addPositionalArgument("FILE", "FITS frames to stack (at least 2).", "FILE...");
    addSchemaOptions(parser, stackSchema());
    addConsoleOptions(parser);
    parser.addOption({"json", "Print a JSON summary on stdout."});
    const int parsed = parseCommandLine(parser, args, name(),
                                        "Stack FITS frames into one image, exactly, within a memory limit.\n"
                                        "Pixels are combined strip by strip from all frames; results do not depend on the limit.",
                                        ctx);
    if (parsed != kContinue) return parsed;

    std::vector<std::filesystem::path> inputs;
    for (const auto& f : parser.positionalArguments()) inputs.emplace_back(f.toStdString());
    StackRequest request;
    try {
        request = stackRequestFromValues(schemaValues(parser, stackSchema()), std::move(inputs));
        validateStackRequest(request);
    } catch (const ParamError& e) {
        return usageError(ctx, name(), optionMessage(e));
    } catch (const SkyweaveError& e) {
        return usageError(ctx, name(), QString::fromUtf8(e.what()));
    }

    MemoryMonitor monitor;
    monitor.start(kMonitorIntervalMs);
    auto job = std::make_shared<StackJob>(std::move(request), &monitor);
    const JobEnd end = runJobInConsole(job, ctx, consoleOptions(parser, name(), QStringLiteral("rows")));
    monitor.stop();
    if (end.state == Job::State::Finished) {
        if (parser.isSet("json")) ctx.out << QJsonDocument(toJson(*job->outcome())).toJson(QJsonDocument::Indented);
        else printText(ctx.out, *job->outcome());
        ctx.out.flush();
    }
    return exitCodeFor(end, ctx, name(), QStringLiteral("cancelled; nothing was written"));
}

}  // namespace skyweave::cli
