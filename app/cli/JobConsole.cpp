#include "JobConsole.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include "jobs/JobRunner.h"

namespace skyweave::cli {
namespace {

constexpr qint64 kProgressIntervalMs = 250;

/// Writes one job's events on stderr; every slot runs on the job's thread, hence the mutex.
class ConsoleObserver {
public:
    ConsoleObserver(QTextStream& err, ConsoleOptions options) : err_(err), options_(std::move(options)) { sinceLine_.start(); }

    void progress(const JobProgress& p) {
        std::lock_guard lock(mutex_);
        const bool last = p.total > 0 && p.done >= p.total;
        if (!last && printedAny_ && sinceLine_.elapsed() < kProgressIntervalMs) return;
        sinceLine_.restart();
        printedAny_ = true;
        if (options_.jsonEvents) {
            json({{"event", "progress"}, {"done", static_cast<qint64>(p.done)}, {"total", static_cast<qint64>(p.total)}, {"stage", p.stage},
                  {"unit", p.unit.isEmpty() ? options_.unit : p.unit},
                  {"rate_per_s", p.ratePerSecond}, {"eta_s", p.etaSeconds}, {"elapsed_s", p.elapsedSeconds}});
            return;
        }
        const int percent = p.total > 0 ? static_cast<int>(100 * p.done / p.total) : 0;
        err_ << "[" << options_.prefix << "] " << percent << "% " << p.stage << " (" << p.done << "/" << p.total;
        const QString& unit = p.unit.isEmpty() ? options_.unit : p.unit;
        if (p.ratePerSecond >= 0) err_ << ", " << QString::number(p.ratePerSecond, 'f', 1) << " " << unit << "/s";
        if (p.etaSeconds >= 0 && !last) err_ << ", ETA " << QString::number(p.etaSeconds, 'f', 0) << " s";
        err_ << ")\n";
        err_.flush();
    }

    void log(int level, const QString& message) {
        if (level < 1 && !options_.verbose) return;
        std::lock_guard lock(mutex_);
        if (options_.jsonEvents)
            return json({{"event", "log"}, {"level", level >= 3 ? "error" : level == 2 ? "warning" : level == 1 ? "info" : "debug"},
                         {"message", message}});
        err_ << "[" << options_.prefix << "] " << (level >= 2 ? "warning: " : "") << message << "\n";
        err_.flush();
    }

    void memory(const MemoryStats& s) {
        std::lock_guard lock(mutex_);
        // The monitor reports every Low/Critical sample; a console line per change of level is enough.
        if (s.level == lastMemoryLevel_) return;
        lastMemoryLevel_ = s.level;
        const QString level = QString::fromLatin1(memoryLevelName(s.level).data());
        if (options_.jsonEvents)
            return json({{"event", "memory"}, {"level", level}, {"available_bytes", static_cast<double>(s.availableBytes)},
                         {"process_rss_bytes", static_cast<double>(s.processRssBytes)}});
        err_ << "[" << options_.prefix << "] warning: memory " << level << ": " << bytesToMb(s.availableBytes)
             << " MB available, Skyweave uses " << bytesToMb(s.processRssBytes) << " MB\n";
        err_.flush();
    }

    void adjusted(const QString& what) {
        std::lock_guard lock(mutex_);
        if (options_.jsonEvents) return json({{"event", "adjusted"}, {"what", what}});
        err_ << "[" << options_.prefix << "] warning: " << what << "\n";
        err_.flush();
    }

private:
    void json(const QJsonObject& o) {
        QJsonObject line = o;
        line.insert("command", options_.prefix);
        err_ << QJsonDocument(line).toJson(QJsonDocument::Compact) << "\n";
        err_.flush();
    }

    QTextStream& err_;
    ConsoleOptions options_;
    std::mutex mutex_;
    QElapsedTimer sinceLine_;
    bool printedAny_ = false;
    MemoryLevel lastMemoryLevel_ = MemoryLevel::Normal;
};

}  // namespace

void addConsoleOptions(QCommandLineParser& parser) {
    parser.addOption({"verbose", "Also log the memory plan, every batch and other details on stderr."});
    parser.addOption({"progress-json",
                      "Progress, warnings and memory events on stderr as one JSON object per line (for scripts)."});
}

ConsoleOptions consoleOptions(const QCommandLineParser& parser, const QString& command, const QString& unit) {
    return {command, unit, parser.isSet("verbose"), parser.isSet("progress-json")};
}

JobEnd runJobInConsole(const std::shared_ptr<Job>& job, CliContext& ctx, const ConsoleOptions& options) {
    ConsoleObserver observer(ctx.err, options);
    JobEnd end;
    Job* j = job.get();
    QObject context;  // owns the connections below; lives on this thread, slots run on the job's thread
    const auto direct = Qt::DirectConnection;
    QObject::connect(j, &Job::progressChanged, &context, [&](const JobProgress& p) { observer.progress(p); }, direct);
    QObject::connect(j, &Job::logMessage, &context, [&](int level, const QString& m) { observer.log(level, m); }, direct);
    QObject::connect(j, &Job::memoryWarning, &context, [&](const MemoryStats& s) { observer.memory(s); }, direct);
    QObject::connect(j, &Job::memoryCritical, &context, [&](const MemoryStats& s) { observer.memory(s); }, direct);
    QObject::connect(j, &Job::resourcesAdjusted, &context, [&](const QString& w) { observer.adjusted(w); }, direct);
    QObject::connect(j, &Job::finished, &context, [&](const QString& s) { end = {Job::State::Finished, s}; }, direct);
    QObject::connect(j, &Job::failed, &context, [&](const QString& e) { end = {Job::State::Failed, e}; }, direct);
    QObject::connect(j, &Job::cancelled, &context, [&] { end = {Job::State::Cancelled, {}}; }, direct);
    job->shareCancelToken(ctx.cancel);
    JobRunner runner;
    runner.submit(job);
    runner.waitForDone();
    ctx.err.flush();
    return end;
}

int exitCodeFor(const JobEnd& end, CliContext& ctx, const QString& command, const QString& cancelNote) {
    switch (end.state) {
    case Job::State::Finished: return kExitOk;
    case Job::State::Cancelled:
        ctx.err << "skyweave-cli " << command << ": " << cancelNote << "\n";
        ctx.err.flush();
        return kExitCancelled;
    default:
        ctx.err << "skyweave-cli " << command << ": " << end.message << "\n";
        ctx.err.flush();
        return kExitFailure;
    }
}

}  // namespace skyweave::cli
