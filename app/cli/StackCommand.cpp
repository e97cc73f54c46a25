#include "StackCommand.h"

#include "CliSupport.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>
#include <optional>
#include <thread>

#include "common/Errors.h"
#include "memory/MemoryMonitor.h"
#include "memory/PressureGovernor.h"
#include "memory/ProcReader.h"
#include "stack/StackEngine.h"
#include "track/Registration.h"
#include "stack/StackRegistration.h"

namespace skyweave::cli {
namespace {

constexpr int kMonitorIntervalMs = 500;

QJsonObject toJson(const StackResult& r) {
    QJsonArray used, skipped;
    for (const auto& f : r.used) {
        QJsonObject o{{"file", QString::fromStdString(f.path.string())}, {"dx", f.transform.tx}, {"dy", f.transform.ty}};
        if (!f.transform.isTranslation())
            o["matrix"] = QJsonArray{f.transform.a, f.transform.b, f.transform.c, f.transform.d};
        used.append(o);
    }
    for (const auto& s : r.skipped)
        skipped.append(QJsonObject{{"file", QString::fromStdString(s.path.string())}, {"reason", QString::fromStdString(s.reason)}});
    const auto stats = ProcReader::sampleNow();
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
                       {"peak_rss_bytes", static_cast<double>(stats.processPeakBytes)},
                       {"total_exptime_s", r.totalExposureSeconds},
                       {"seconds", r.seconds}};
}

/**
 * A cgroup limit is a wall (the kernel kills the process past it), unlike the machine's free memory:
 * plan within kCgroupShare of the room the cgroup has left. Returns the note to print when lowered.
 */
QString fitLimitToCgroup(std::uint64_t& limitBytes) {
    constexpr double kCgroupShare = 0.75;  // the rest: libraries, allocator slack, the kernel's own charges
    std::optional<ProcReader::CgroupMemory> cgroup;
    std::optional<std::uint64_t> free;
    try {
        const ProcReader reader = ProcReader::fromEnvironment();
        cgroup = reader.readCgroup();
        free = reader.cgroupRoomBytes();
    } catch (const SkyweaveError&) {
        return {};  // nothing readable to fit to
    }
    if (!cgroup || !free) return {};
    const std::uint64_t used = cgroup->limitBytes - *free;
    const auto room = static_cast<std::uint64_t>(static_cast<double>(*free) * kCgroupShare);
    if (room >= limitBytes) return {};
    const auto mib = [](std::uint64_t b) { return QString::number(static_cast<double>(b) / (1 << 20), 'f', 0); };
    const QString note = QStringLiteral("memory limit lowered from %1 MiB to %2 MiB: the cgroup allows %3 MiB and %4 MiB are in use")
                             .arg(mib(limitBytes), mib(room), mib(cgroup->limitBytes), mib(used));
    limitBytes = room;
    return note;
}

}  // namespace

int StackCommand::run(const QStringList& args, CliContext& ctx) {
    QCommandLineParser parser;
    parser.addPositionalArgument("FILE", "FITS frames to stack (at least 2).", "FILE...");
    const QCommandLineOption outputOpt({"o", "output"}, "Output FITS file (required).", "OUT.fits");
    const QCommandLineOption methodOpt("method", "average|median|sum|min|max (default average).", "METHOD", "average");
    const QCommandLineOption rejectOpt("reject", "none|sigma|winsorized|minmax|range (default none).", "REJECT", "none");
    const QCommandLineOption lowOpt("sigma-low", "Low rejection threshold in sigma (default 3; minmax: values dropped low; range: lowest kept value).", "S", "3");
    const QCommandLineOption highOpt("sigma-high", "High rejection threshold in sigma (default 3; minmax: values dropped high; range: highest kept value).", "S", "3");
    const QCommandLineOption iterOpt("iterations", "Maximum rejection passes (default 10; 1 = a single pass like ccdproc).", "N", "10");
    const QCommandLineOption alignOpt("align", "none|wcs|stars (default none: frames are pre-registered).", "MODE", "none");
    const QCommandLineOption objectOpt("object", "Track this moving object (name as in the ephemeris).", "NAME");
    const QCommandLineOption ephemOpt("ephemeris", "Ephemeris of the object: JPL Horizons observer table or CSV time,ra_deg,dec_deg.", "FILE");
    const QCommandLineOption rateOpt("rate", "Linear motion instead of an ephemeris: rate and position angle.", "ARCSEC_PER_MIN,PA_DEG");
    const QCommandLineOption memOpt("memory-limit", "Memory the run may use: GiB number, or 512M / 1.5G (default 2G).", "SIZE", "2G");
    const QCommandLineOption chunkOpt("chunk-size", "Frames per chunk when combining in chunks (default 10).", "N", "10");
    const QCommandLineOption forceChunkOpt("force-chunked", "Combine in frame chunks even when strips fit (approximate for median/rejection).");
    const QCommandLineOption threadsOpt("threads", "Worker threads (default: all cores).", "N", "0");
    const QCommandLineOption jsonOpt("json", "Print a JSON summary on stdout.");
    const QCommandLineOption overwriteOpt("overwrite", "Replace OUT.fits if it exists (never an input).");
    parser.addOptions({outputOpt, methodOpt, rejectOpt, lowOpt, highOpt, iterOpt, alignOpt, objectOpt, ephemOpt, rateOpt, memOpt,
                       chunkOpt, forceChunkOpt, threadsOpt, jsonOpt, overwriteOpt});
    const int parsed = parseCommandLine(parser, args, name(),
                                        "Stack FITS frames into one image, exactly, within a memory limit.\n"
                                        "Pixels are combined strip by strip from all frames; results do not depend on the limit.",
                                        ctx);
    if (parsed != kContinue) return parsed;

    StackParams p;
    for (const auto& f : parser.positionalArguments()) p.inputs.emplace_back(f.toStdString());
    if (p.inputs.size() < 2) return usageError(ctx, name(), "at least 2 input files are needed");
    if (!parser.isSet(outputOpt)) return usageError(ctx, name(), "-o OUT.fits is required");
    p.output = parser.value(outputOpt).toStdString();
    p.overwrite = parser.isSet(overwriteOpt);

    const auto method = parseCombineMethod(parser.value(methodOpt).toStdString());
    if (!method) return usageError(ctx, name(), "unknown --method '" + parser.value(methodOpt) + "'");
    const auto reject = parseRejectionMethod(parser.value(rejectOpt).toStdString());
    if (!reject) return usageError(ctx, name(), "unknown --reject '" + parser.value(rejectOpt) + "'");
    p.combine.method = *method;
    p.combine.rejection.method = *reject;
    bool okLow = false, okHigh = false, okIter = false, okChunk = false, okThreads = false;
    const double low = parser.value(lowOpt).toDouble(&okLow), high = parser.value(highOpt).toDouble(&okHigh);
    const int iterations = parser.value(iterOpt).toInt(&okIter);
    p.chunkSize = parser.value(chunkOpt).toInt(&okChunk);
    p.threads = parser.value(threadsOpt).toInt(&okThreads);
    if (!okLow || !okHigh || !std::isfinite(low) || !std::isfinite(high)) return usageError(ctx, name(), "--sigma-low/--sigma-high need numbers");
    if (!okIter || iterations < 1) return usageError(ctx, name(), "--iterations needs a whole number ≥ 1");
    if (!okChunk || p.chunkSize < 1) return usageError(ctx, name(), "--chunk-size needs a whole number ≥ 1");
    if (!okThreads || p.threads < 0) return usageError(ctx, name(), "--threads needs a whole number ≥ 0");
    auto& rj = p.combine.rejection;
    rj.maxIterations = iterations;
    if (*reject == RejectionMethod::MinMax) {
        if (low < 0 || high < 0 || low != std::floor(low) || high != std::floor(high))
            return usageError(ctx, name(), "--reject minmax takes whole counts in --sigma-low/--sigma-high");
        rj.dropLow = static_cast<int>(low), rj.dropHigh = static_cast<int>(high);
    } else if (*reject == RejectionMethod::Range) {
        if (!parser.isSet(lowOpt) && !parser.isSet(highOpt))
            return usageError(ctx, name(), "--reject range needs --sigma-low LOW and/or --sigma-high HIGH as absolute values");
        if (parser.isSet(lowOpt)) rj.rangeLow = low;
        if (parser.isSet(highOpt)) rj.rangeHigh = high;
    } else {
        if (low <= 0 || high <= 0) return usageError(ctx, name(), "--sigma-low/--sigma-high must be positive");
        rj.sigmaLow = low, rj.sigmaHigh = high;
    }
    const auto limit = parseMemorySize(parser.value(memOpt));
    if (!limit) return usageError(ctx, name(), "--memory-limit '" + parser.value(memOpt) + "' is not a size (e.g. 2, 1.5G, 512M)");
    p.memoryLimitBytes = *limit;
    p.forceChunked = parser.isSet(forceChunkOpt);
    const QString cgroupNote = fitLimitToCgroup(p.memoryLimitBytes);

    const QString align = parser.value(alignOpt);
    if (align != "none" && align != "wcs" && align != "stars")
        return usageError(ctx, name(), "unknown --align '" + align + "' (none, wcs or stars)");
    if (parser.isSet(ephemOpt) && parser.isSet(rateOpt)) return usageError(ctx, name(), "give either --ephemeris or --rate, not both");
    if (parser.isSet(objectOpt) && !parser.isSet(ephemOpt) && !parser.isSet(rateOpt))
        return usageError(ctx, name(), "--object needs --ephemeris FILE or --rate ARCSEC_PER_MIN,PA_DEG");
    track::RegistrationParams registration;
    registration.align = *track::parseAlignMode(align.toStdString());
    if (parser.isSet(ephemOpt) || parser.isSet(rateOpt)) {
        track::MotionParams motion;
        motion.objectName = parser.value(objectOpt).toStdString();
        if (parser.isSet(ephemOpt)) {
            motion.ephemerisPath = parser.value(ephemOpt).toStdString();
        } else {
            const QStringList parts = parser.value(rateOpt).split(',');
            bool okRate = parts.size() == 2, okPa = false;
            if (okRate) {
                motion.rateArcsecPerMin = parts[0].toDouble(&okRate);
                motion.positionAngleDeg = parts[1].toDouble(&okPa);
            }
            if (!okRate || !okPa || !std::isfinite(motion.rateArcsecPerMin) || !std::isfinite(motion.positionAngleDeg))
                return usageError(ctx, name(), "--rate needs ARCSEC_PER_MIN,PA_DEG, e.g. --rate 12.5,231");
        }
        registration.motion = motion;
    }
    StderrProgress progress(ctx.err, name(), QStringLiteral("strips"));
    if (!cgroupNote.isEmpty()) progress.log(LogLevel::Warning, cgroupNote.toStdString());
    try {
        // Alignment and motion tracking: per-frame transforms and skip reasons into p (nothing for none).
        const auto reg = StackRegistration::apply(p, registration, progress, ctx.cancel);
        for (const auto& line : reg.notes) progress.log(LogLevel::Warning, line);
        StackEngine engine(p, progress, ctx.cancel);
        // Under memory pressure fewer strips are in flight (and reads pause at Critical).
        MemoryMonitor monitor;
        PressureGovernor governor({p.threads > 0 ? p.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency())), 1});
        governor.follow(monitor);
        QObject::connect(&governor, &PressureGovernor::adjusted, &governor,
                         [&progress](ResourceLimits, const QString& why) { progress.log(LogLevel::Warning, why.toStdString()); }, Qt::DirectConnection);
        engine.followGovernor(governor);
        monitor.start(kMonitorIntervalMs);
        const StackResult r = engine.run();
        monitor.stop();
        if (parser.isSet(jsonOpt)) {
            ctx.out << QJsonDocument(toJson(r)).toJson(QJsonDocument::Indented);
        } else {
            ctx.out << "Stacked " << r.used.size() << " frames (" << r.skipped.size() << " skipped) into "
                    << QString::fromStdString(r.output.string()) << " in " << QString::number(r.seconds, 'f', 2) << " s, "
                    << r.strips << " strips" << (r.chunked ? QStringLiteral(", %1 frame chunks").arg(r.chunks) : QString())
                    << (r.approximate ? " (APPROXIMATE)" : "") << "\n";
            for (const auto& s : r.skipped)
                ctx.out << "  skipped " << QString::fromStdString(s.path.string()) << ": " << QString::fromStdString(s.reason) << "\n";
        }
        ctx.out.flush();
        return kExitOk;
    } catch (const CancelledError&) {
        ctx.err << "skyweave-cli stack: cancelled; nothing was written\n";
        ctx.err.flush();
        return kExitCancelled;
    } catch (const SkyweaveError& e) {
        ctx.err << "skyweave-cli stack: " << e.what() << "\n";
        ctx.err.flush();
        return kExitFailure;
    }
}

}  // namespace skyweave::cli
