#include "MemoryCommand.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTime>
#include <chrono>
#include <cmath>
#include <thread>

#include "common/Errors.h"
#include "memory/MemoryLog.h"
#include "memory/MemoryMonitor.h"

namespace skyweave::cli {

namespace {

/// How often --watch looks at the Ctrl-C flag while it waits for the next line.
constexpr std::chrono::milliseconds kCancelPoll{50};
/// Shortest --watch period accepted (the monitor's own cost is measured at 5 s; 0.1 s is for demos).
constexpr double kMinWatchSeconds = 0.1;

qint64 mb(std::uint64_t bytes) {
    return static_cast<qint64>(bytesToMb(bytes));
}
double oneDecimal(double v) {
    return std::round(v * 10.0) / 10.0;
}

QJsonObject toJson(const MemoryStats& s, const MemorySettings& settings) {
    QJsonObject o;
    o["level"] = memoryLevelText(s.level);
    o["total_mb"] = mb(s.totalBytes);
    o["available_mb"] = mb(s.availableBytes);
    o["used_percent"] = oneDecimal(s.usedPercent);
    o["process_rss_mb"] = mb(s.processRssBytes);
    o["process_peak_mb"] = mb(s.processPeakBytes);
    o["cgroup_limit_mb"] =
        s.cgroupLimitBytes ? QJsonValue(mb(*s.cgroupLimitBytes)) : QJsonValue(QJsonValue::Null);
    o["warning_mb"] = static_cast<qint64>(settings.warningMb);
    o["critical_mb"] = static_cast<qint64>(settings.criticalMb);
    return o;
}

void printReport(QTextStream& out, const MemoryStats& s, const MemorySettings& settings) {
    out << "Memory level:  " << memoryLevelText(s.level) << "\n"
        << "Available:     " << mb(s.availableBytes) << " MB of " << mb(s.totalBytes) << " MB ("
        << QString::number(s.usedPercent, 'f', 1) << " % used)\n"
        << "This process:  " << mb(s.processRssBytes) << " MB resident, peak " << mb(s.processPeakBytes)
        << " MB\n"
        << "Cgroup limit:  ";
    if (s.cgroupLimitBytes) {
        out << mb(*s.cgroupLimitBytes) << " MB (" << mb(s.cgroupUsageBytes.value_or(0)) << " MB in use)\n";
    } else {
        out << "none\n";
    }
    out << "Thresholds:    low below " << settings.warningMb << " MB or above " << settings.warningPercent
        << " % used; critical below " << settings.criticalMb << " MB or above " << settings.criticalPercent
        << " % used\n"
        << "Budget:        " << settings.budgetMb << " MB for pipeline planning (SKYWEAVE_MAX_MEMORY_MB)\n";
}

void printLine(QTextStream& out, const MemoryStats& s) {
    out << QTime::currentTime().toString(QStringLiteral("HH:mm:ss")) << "  "
        << memoryLevelText(s.level).leftJustified(8) << " available " << mb(s.availableBytes) << " MB of "
        << mb(s.totalBytes) << " MB (" << QString::number(s.usedPercent, 'f', 1) << " % used), process "
        << mb(s.processRssBytes) << " MB, peak " << mb(s.processPeakBytes) << " MB\n";
}

/// Sleeps `seconds` in small steps; false when Ctrl-C came first.
bool waitUnlessCancelled(double seconds, const CancelToken& cancel) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < until) {
        if (cancel.isCancelled()) return false;
        std::this_thread::sleep_for(kCancelPoll);
    }
    return !cancel.isCancelled();
}

}  // namespace

int MemoryCommand::run(const QStringList& args, CliContext& ctx) {
    QCommandLineParser parser;
    const QCommandLineOption jsonOption(QStringLiteral("json"),
                                        QStringLiteral("Print JSON instead of text."));
    const QCommandLineOption watchOption(QStringLiteral("watch"),
                                         QStringLiteral("Print a line every SECONDS until Ctrl-C."),
                                         QStringLiteral("SECONDS"));
    parser.addOption(jsonOption);
    parser.addOption(watchOption);
    const int parsed =
        parseCommandLine(parser, args, name(),
                         QStringLiteral("Shows system, process and cgroup memory, the pressure level\n"
                                        "(normal, low, critical) and the thresholds that decide it."),
                         ctx);
    if (parsed != kContinue) return parsed;
    if (!parser.positionalArguments().isEmpty()) {
        return usageError(
            ctx, name(),
            QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    }
    double watchSeconds = 0.0;
    if (parser.isSet(watchOption)) {
        bool ok = false;
        watchSeconds = parser.value(watchOption).toDouble(&ok);
        if (!ok || !(watchSeconds >= kMinWatchSeconds)) {
            return usageError(ctx, name(),
                              QStringLiteral("--watch needs a number of seconds of at least %1, not '%2'")
                                  .arg(kMinWatchSeconds)
                                  .arg(parser.value(watchOption)));
        }
    }
    const bool json = parser.isSet(jsonOption);

    QStringList problems;
    const MemorySettings settings = MemorySettings::fromEnvironment(&problems);
    for (const QString& p : problems) ctx.err << "skyweave-cli memory: " << p << "\n";
    ctx.err.flush();

    try {
        MemoryMonitor monitor(settings, ProcReader::fromEnvironment());
        monitor.setReleaseOnCritical(false);  // report, don't act: this process holds nothing worth freeing
        if (watchSeconds <= 0.0) {
            const MemoryStats stats = monitor.sample();
            if (json) {
                ctx.out << QJsonDocument(toJson(stats, settings)).toJson(QJsonDocument::Indented);
            } else {
                printReport(ctx.out, stats, settings);
            }
            ctx.out.flush();
            return kExitOk;
        }
        do {
            const MemoryStats stats = monitor.sample();
            if (json) {
                ctx.out << QJsonDocument(toJson(stats, settings)).toJson(QJsonDocument::Compact) << "\n";
            } else {
                printLine(ctx.out, stats);
            }
            ctx.out.flush();
        } while (waitUnlessCancelled(watchSeconds, ctx.cancel));
        return kExitOk;  // Ctrl-C is the normal way to end --watch
    } catch (const SkyweaveError& e) {
        ctx.err << "skyweave-cli memory: " << e.what() << "\n";
        ctx.err.flush();
        return kExitFailure;
    }
}

}  // namespace skyweave::cli
