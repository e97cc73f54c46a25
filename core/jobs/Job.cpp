#include "jobs/Job.h"

#include <QLoggingCategory>
#include <exception>

#include "common/Errors.h"

Q_LOGGING_CATEGORY(lcJob, "skyweave.job")

namespace skyweave {

namespace {
const int kRegisteredTypes = [] {
    qRegisterMetaType<JobProgress>("skyweave::JobProgress");
    qRegisterMetaType<MemoryStats>("skyweave::MemoryStats");
    return 0;
}();
}  // namespace

Job::Job(QString title, QObject* parent) : QObject(parent), title_(std::move(title)) { (void)kRegisteredTypes; }

Job::~Job() = default;

void Job::cancel() {
    cancelToken_.requestCancel();
    qCInfo(lcJob) << "cancel requested:" << title_;
}

void Job::runNow() {
    state_ = State::Running;
    {
        std::lock_guard lock(progressMutex_);
        const auto now = EtaEstimator::Clock::now();
        eta_.start(now);
        stageEta_.start(now);
        stageUnit_.clear();
    }
    emit started();
    try {
        cancelToken_.throwIfCancelled();
        const QString summary = execute();
        cancelToken_.throwIfCancelled();
        state_ = State::Finished;
        emit finished(summary);
    } catch (const CancelledError&) {
        state_ = State::Cancelled;
        emit cancelled();
    } catch (const std::bad_alloc&) {
        state_ = State::Failed;
        emit failed(tr("%1: ran out of memory. Lower the memory limit or close other applications.").arg(title_));
    } catch (const std::exception& e) {
        state_ = State::Failed;
        emit failed(QString::fromStdString(e.what()));
    }
}

void Job::report(const ProgressUpdate& update) {
    JobProgress p;
    p.done = update.done;
    p.total = update.total;
    p.fraction = update.total > 0 ? static_cast<double>(update.done) / static_cast<double>(update.total) : 0.0;
    p.stage = QString::fromStdString(update.stage);
    p.unit = QString::fromStdString(update.unit);
    {
        std::lock_guard lock(progressMutex_);
        const auto now = EtaEstimator::Clock::now();
        // Registration counts frames, the combine rows: each stage gets its own rate and ETA.
        if (update.unit != stageUnit_) {
            stageUnit_ = update.unit;
            stageEta_.start(now);
        }
        stageEta_.update(now, update.done);
        p.elapsedSeconds = eta_.elapsedSeconds(now);
        if (auto r = stageEta_.ratePerSecond()) p.ratePerSecond = *r;
        if (auto s = stageEta_.secondsLeft(update.done, update.total)) p.etaSeconds = *s;
    }
    emit progressChanged(p);
}

void Job::log(LogLevel level, const std::string& message) {
    const QString text = QString::fromStdString(message);
    if (level >= LogLevel::Warning) qCWarning(lcJob).noquote() << text;
    else qCInfo(lcJob).noquote() << text;
    emit logMessage(static_cast<int>(level), text);
}

}  // namespace skyweave
