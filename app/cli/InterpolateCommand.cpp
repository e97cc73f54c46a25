#include "InterpolateCommand.h"

#include "CliSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <optional>

#include "EncoderOptions.h"
#include "common/Errors.h"
#include "interp/InterpolateRequest.h"
#include "memory/MemoryMonitor.h"
#include "memory/MemorySettings.h"

namespace skyweave::cli {

QString InterpolateCommand::name() const { return passThrough_ ? "encode" : "interpolate"; }

QString InterpolateCommand::summary() const {
    return passThrough_ ? "Encode an image sequence to a video (interpolate --factor 1)"
                        : "Interpolate an image sequence with optical flow and encode it or write PNG frames";
}

int InterpolateCommand::run(const QStringList& args, CliContext& ctx) {
    const QString cmd = name();
    QCommandLineParser parser;
    parser.addPositionalArgument("INPUT", "Image files and/or folders (PNG, JPEG, TIFF, BMP; 8/16-bit).", "INPUT...");
    parser.addOptions({
        {{"o", "output"}, "Video file to write (.mp4, .mkv, .mov).", "OUT"},
        {"order", "Frame order: auto (timestamps in names if all have one, else natural), name, time.", "ORDER", "auto"},
        {"crop", "Crop rectangle in source pixels before anything else.", "X,Y,W,H"},
        {"scale", "Scale frames by this factor in (0, 1] after cropping.", "S", "1"},
        {"max-image-mb", "Refuse images whose decoded size exceeds N MB (read from the header).", "N"},
        {"memory-limit", "Memory the run may plan for, as in stack: GiB number, or 800M / 1.5G (default SKYWEAVE_MAX_MEMORY_MB or 1000 MB).", "SIZE"},
        {"threads", "Worker threads (default: one per core, fewer if memory is short).", "N"},
        {"json", "Print a JSON summary on stdout."},
        {"verbose", "Log the memory plan and every batch on stderr."},
    });
    if (!passThrough_) {
        parser.addOptions({
            {"frames-out", "Write PNG frames frame_000000.png … into DIR instead of a video.", "DIR"},
            {"factor", "Output frames per input interval, 1–16 (F−1 new frames per pair).", "F", "2"},
            {"method", "flow (motion-compensated), blend (cross-fade) or dup.", "METHOD", "flow"},
            {"quality", "Flow quality: fast, medium or fine.", "Q", "medium"},
            {"flow", "Flow engine: dis, farneback or tvl1.", "ENGINE", "dis"},
            {"flow-mpx", "Compute flow on a copy of at most M megapixels and upsample it (0 = full resolution).", "M",
             QString::number(static_cast<double>(InterpolationParams{}.maxFlowPixels) / 1e6)},
            {"scene-threshold", "Cross-fade pairs whose mean difference exceeds T % and is not explained by motion (0 disables).", "T", "10"},
        });
    }
    addEncoderOptions(parser);
    const QString description = passThrough_ ? "Encode an image sequence to a video, frames unchanged."
                                             : "Interpolate an image sequence with dense optical flow.";
    if (const int rc = parseCommandLine(parser, args, cmd, description, ctx); rc != kContinue) return rc;

    InterpolateRequest req;
    for (const auto& p : parser.positionalArguments()) req.inputs.emplace_back(p.toStdString());
    if (req.inputs.empty()) return usageError(ctx, cmd, "no INPUT given");
    const bool toFrames = !passThrough_ && parser.isSet("frames-out");
    if (parser.isSet("output") == toFrames)
        return usageError(ctx, cmd, passThrough_ ? "give -o OUT" : "give exactly one of -o OUT and --frames-out DIR");

    bool ok = true;
    const auto intOption = [&](const char* opt, int lo, int hi, int& out) -> bool {
        if (!parser.isSet(opt) && parser.value(opt).isEmpty()) return true;
        out = parser.value(opt).toInt(&ok);
        return ok && out >= lo && out <= hi;
    };
    const QString order = parser.value("order");
    if (order == "name") req.sequence.order = FrameOrder::Name;
    else if (order == "time") req.sequence.order = FrameOrder::Timestamp;
    else if (order != "auto") return usageError(ctx, cmd, "--order must be auto, name or time");
    if (parser.isSet("crop")) {
        const QStringList parts = parser.value("crop").split(',');
        int v[4] = {0, 0, 0, 0};
        bool good = parts.size() == 4;
        for (int i = 0; good && i < 4; ++i) v[i] = parts[i].trimmed().toInt(&good);
        if (!good || v[0] < 0 || v[1] < 0 || v[2] <= 0 || v[3] <= 0)
            return usageError(ctx, cmd, "--crop must be X,Y,W,H with X,Y ≥ 0 and W,H > 0");
        req.sequence.crop = cv::Rect(v[0], v[1], v[2], v[3]);
    }
    req.sequence.scale = parser.value("scale").toDouble(&ok);
    if (!ok || !(req.sequence.scale > 0.0 && req.sequence.scale <= 1.0))
        return usageError(ctx, cmd, "--scale must be in (0, 1]");
    int maxImageMb = 0;
    if (!intOption("max-image-mb", 1, 1 << 20, maxImageMb)) return usageError(ctx, cmd, "--max-image-mb must be 1 or more");
    req.sequence.maxImageBytes = static_cast<std::uint64_t>(maxImageMb) << 20;
    if (!intOption("threads", 1, 256, req.maxWorkers)) return usageError(ctx, cmd, "--threads must be 1–256");

    const MemorySettings settings = MemorySettings::fromEnvironment();
    req.budgetBytes = settings.budgetBytes();
    if (parser.isSet("memory-limit")) {
        const auto bytes = parseMemorySize(parser.value("memory-limit"));
        if (!bytes) return usageError(ctx, cmd, "--memory-limit '" + parser.value("memory-limit") + "' is not a size (e.g. 2, 1.5G, 800M)");
        req.budgetBytes = *bytes;
    }

    InterpolationParams& ip = req.interpolation;
    if (passThrough_) {
        ip.factor = 1;
    } else {
        if (!intOption("factor", 1, InterpolationParams::kMaxFactor, ip.factor))
            return usageError(ctx, cmd, "--factor must be 1–16");
        const auto method = parseMethod(parser.value("method").toStdString());
        const auto quality = parseQuality(parser.value("quality").toStdString());
        const auto flow = parseAlgorithm(parser.value("flow").toStdString());
        if (!method) return usageError(ctx, cmd, "--method must be flow, blend or dup");
        if (!quality) return usageError(ctx, cmd, "--quality must be fast, medium or fine");
        if (!flow) return usageError(ctx, cmd, "--flow must be dis, farneback or tvl1");
        ip.method = *method;
        ip.quality = *quality;
        ip.algorithm = *flow;
        // Fine detail on very large frames (a full disk) may want a finer field than the default level.
        const double flowMpx = parser.value("flow-mpx").toDouble(&ok);
        if (!ok || !(flowMpx == 0.0 || (flowMpx >= 0.005 && flowMpx <= 1000.0)))
            return usageError(ctx, cmd, "--flow-mpx must be 0 (full resolution) or 0.005–1000");
        ip.maxFlowPixels = static_cast<std::int64_t>(std::llround(flowMpx * 1e6));
        ip.sceneThresholdPercent = parser.value("scene-threshold").toDouble(&ok);
        if (!ok || ip.sceneThresholdPercent < 0 || ip.sceneThresholdPercent > 100)
            return usageError(ctx, cmd, "--scene-threshold must be 0–100");
    }
    req.overwrite = parser.isSet("overwrite");
    if (toFrames) {
        req.framesFolder = parser.value("frames-out").toStdString();
    } else {
        encode::EncodeParams video;
        video.outputPath = parser.value("output").toStdString();
        if (const QString error = parseEncoderOptions(parser, video); !error.isEmpty())
            return usageError(ctx, cmd, error);
        req.video = video;
    }

    StderrProgress progress(ctx.err, cmd, QStringLiteral("frames"), parser.isSet("verbose"));
    try {
        MemoryMonitor monitor(settings);
        InterpolateHooks hooks;
        hooks.sampler = [&monitor] { return monitor.sample(); };
        const InterpolateOutcome out = runInterpolateRequest(req, progress, ctx.cancel, hooks);
        const auto& s = out.interpolation;
        if (parser.isSet("json")) {
            QJsonObject o;
            o["framesIn"] = static_cast<qint64>(s.framesIn);
            o["framesOut"] = static_cast<qint64>(s.framesOut);
            QJsonArray pairs;
            for (int k : s.blendFallbackPairs) pairs.append(k);
            o["blendFallbackPairs"] = pairs;
            QJsonArray skipped;
            for (const auto& f : s.skipped)
                skipped.append(QJsonObject{{"file", QString::fromStdString(f.path.string())},
                                           {"reason", QString::fromStdString(f.reason)}});
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
            ctx.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        } else {
            ctx.out << QStringLiteral("%1 frames in, %2 out (%3 cross-faded pairs) in %4 s, %5 frames/s, peak RSS %6 MB\n")
                           .arg(s.framesIn)
                           .arg(s.framesOut)
                           .arg(s.blendFallbackPairs.size())
                           .arg(s.seconds, 0, 'f', 2)
                           .arg(s.seconds > 0 ? s.framesOut / s.seconds : 0.0, 0, 'f', 1)
                           .arg(s.peakRssBytes >> 20);
            ctx.out << (out.video ? encodeSummaryLine(*out.video) : QString::fromStdString(out.output)) << "\n";
            for (const auto& f : s.skipped)
                ctx.out << "  skipped " << QString::fromStdString(f.path.string()) << ": " << QString::fromStdString(f.reason) << "\n";
        }
        ctx.out.flush();
        return kExitOk;
    } catch (const CancelledError&) {
        ctx.err << "\nskyweave-cli " << cmd << ": cancelled; no output written\n";
        ctx.err.flush();
        return kExitCancelled;
    } catch (const SkyweaveError& e) {
        ctx.err << "\nskyweave-cli " << cmd << ": " << e.what() << "\n";
        ctx.err.flush();
        return kExitFailure;
    } catch (const std::exception& e) {
        ctx.err << "\nskyweave-cli " << cmd << ": " << e.what() << "\n";
        ctx.err.flush();
        return kExitFailure;
    }
}

}  // namespace skyweave::cli
