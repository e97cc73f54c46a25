#include "InterpolateCommand.h"

#include "EncoderOptions.h"
#include "JobConsole.h"
#include "SchemaOptions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "encode/EncodeRules.h"
#include "interp/InterpolateSchema.h"
#include "jobs/InterpolateJob.h"
#include "memory/MemoryMonitor.h"
#include "memory/MemorySettings.h"

namespace skyweave::cli {
namespace {

QJsonObject toJson(const InterpolateRequest& req, const InterpolateOutcome& out) {
    const auto& s = out.interpolation;
    QJsonObject o;
    o["framesIn"] = static_cast<qint64>(s.framesIn);
    o["framesOut"] = static_cast<qint64>(s.framesOut);
    QJsonArray pairs;
    for (int k : s.blendFallbackPairs) pairs.append(k);
    o["blendFallbackPairs"] = pairs;
    QJsonArray skipped;
    for (const auto& f : s.skipped)
        skipped.append(QJsonObject{{"file", QString::fromStdString(f.path.string())}, {"reason", QString::fromStdString(f.reason)}});
    o["framesSkipped"] = skipped;
    o["peakRssBytes"] = static_cast<qint64>(s.peakRssBytes);
    o["peakRssMb"] = static_cast<double>(s.peakRssBytes) / (1024.0 * 1024.0);
    o["seconds"] = s.seconds;
    o["framesPerSecond"] = s.seconds > 0 ? static_cast<double>(s.framesOut) / s.seconds : 0.0;
    o["output"] = QString::fromStdString(out.output);
    o["workers"] = s.plan.limits.workers;
    o["pairsInFlight"] = s.plan.limits.batch;
    o["budgetBytes"] = static_cast<qint64>(req.budgetBytes);
    if (out.video) o["video"] = encodeSummaryJson(*out.video);
    return o;
}

void printText(QTextStream& out, const InterpolateOutcome& outcome) {
    const auto& s = outcome.interpolation;
    out << QStringLiteral("%1 frames in, %2 out (%3 cross-faded pairs) in %4 s, %5 frames/s, peak RSS %6 MB\n")
               .arg(s.framesIn)
               .arg(s.framesOut)
               .arg(s.blendFallbackPairs.size())
               .arg(s.seconds, 0, 'f', 2)
               .arg(s.seconds > 0 ? s.framesOut / s.seconds : 0.0, 0, 'f', 1)
               .arg(s.peakRssBytes >> 20);
    out << (outcome.video ? encodeSummaryLine(*outcome.video) : QString::fromStdString(outcome.output)) << "\n";
    for (const auto& f : s.skipped)
        out << "  skipped " << QString::fromStdString(f.path.string()) << ": " << QString::fromStdString(f.reason) << "\n";
}

}  // namespace

QString InterpolateCommand::summary() const {
    return QStringLiteral("Interpolate an image sequence with optical flow and encode it or write PNG frames");
}

const ParamSchema& InterpolateCommand::schema() const { return interpolateSchema(); }

QString InterpolateCommand::description() const { return QStringLiteral("Interpolate an image sequence with dense optical flow."); }

QString EncodeCommand::summary() const { return QStringLiteral("Encode an image sequence to a video (interpolate --factor 1)"); }

const ParamSchema& EncodeCommand::schema() const { return encodeSchema(); }

QString EncodeCommand::description() const { return QStringLiteral("Encode an image sequence to a video, frames unchanged."); }

int InterpolateCommand::run(const QStringList& args, CliContext& ctx) {
    const QString cmd = name();
    QCommandLineParser parser;
    parser.addPositionalArgument("INPUT", "Image files and/or folders (PNG, JPEG, TIFF, BMP; 8/16-bit).", "INPUT...");
    addSchemaOptions(parser, schema());
    addConsoleOptions(parser);
    parser.addOption({"json", "Print a JSON summary on stdout."});
    if (const int rc = parseCommandLine(parser, args, cmd, description(), ctx); rc != kContinue) return rc;

    std::vector<std::filesystem::path> inputs;
    for (const auto& p : parser.positionalArguments()) inputs.emplace_back(p.toStdString());
    if (inputs.empty()) return usageError(ctx, cmd, "no INPUT given");
    InterpolateRequest request;
    try {
        request = interpolateRequestFromValues(schema(), schemaValues(parser, schema()), std::move(inputs));
        validateInterpolationParams(request.interpolation);
        if (request.video) validateEncodeParams(*request.video);  // a codec the container refuses is a usage error
    } catch (const ParamError& e) {
        return usageError(ctx, cmd, optionMessage(e));
    } catch (const SkyweaveError& e) {
        return usageError(ctx, cmd, QString::fromUtf8(e.what()));
    }

    MemoryMonitor monitor(MemorySettings::fromEnvironment());
    auto job = std::make_shared<InterpolateJob>(request, &monitor);
    const JobEnd end = runJobInConsole(job, ctx, consoleOptions(parser, cmd, QStringLiteral("frames")));
    if (end.state == Job::State::Finished) {
        if (parser.isSet("json")) ctx.out << QJsonDocument(toJson(request, *job->outcome())).toJson(QJsonDocument::Indented);
        else printText(ctx.out, *job->outcome());
        ctx.out.flush();
    }
    return exitCodeFor(end, ctx, cmd, QStringLiteral("cancelled; no output written"));
}

}  // namespace skyweave::cli
