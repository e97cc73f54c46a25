#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "common/CancelToken.h"
#include "memory/MemoryStats.h"

namespace skyweave {

class MemoryMonitor;

/// How much parallelism and batching a running job may use right now.
struct ResourceLimits {
    int workers = 1;  ///< worker threads
    int batch = 1;    ///< frames in flight / strip rows / items per batch (the job's own unit)
    bool operator==(const ResourceLimits&) const = default;
};

/**
 * @brief Turns memory levels into actions for a running job.
 *
 * Low halves workers and batch (not below the minimum); Critical drops both to the minimum
 * and pauses new reads until the level is back to Low or Normal; Normal grows them back one
 * step (doubling) per Normal sample until the maximum. Jobs read current() between batches and
 * call waitWhileReadsPaused() before reading the next input. Every change is logged and emitted.
 * Thread-safe: levels arrive from the monitor thread, jobs query from workers.
 *
 * Typical use inside a Job::execute():
 * @code
 *   PressureGovernor governor({budget.workerCount(perWorker, 0), maxBatch});
 *   governor.follow(monitor);                         // direct connection: no event loop needed
 *   while (more) {
 *       governor.waitWhileReadsPaused(cancelToken());
 *       const ResourceLimits limits = governor.current();
 *       processBatch(limits.batch, limits.workers);
 *   }
 * @endcode
 * Sequence for maximum {4, 8}: Low → {2, 4}; further Low samples keep {2, 4}; Critical → {1, 1} and
 * reads paused; Low → reads resume at {1, 1}; Normal → {2, 2} → {4, 4} → {4, 8}.
 *
 * A pause is bounded (maxPause(), 2 minutes by default): once the job is at its minimum and memory
 * stays critical that long, the pressure comes from elsewhere and waiting frees nothing, so reads
 * go on one at a time (logged and emitted once) instead of the job hanging.
 */
class PressureGovernor : public QObject {
    Q_OBJECT

public:
    PressureGovernor(ResourceLimits maximum, ResourceLimits minimum = {1, 1}, QObject* parent = nullptr);
    /// Drops the follow() connections and waits for a sample being delivered on another thread.
    ~PressureGovernor() override;

    [[nodiscard]] ResourceLimits current() const;
    [[nodiscard]] ResourceLimits maximum() const { return maximum_; }
    [[nodiscard]] MemoryLevel level() const;
    /// True while memory is critical and the pause has lasted less than maxPause().
    [[nodiscard]] bool readsPaused();

    /// Blocks while reads are paused (Critical), at most until the pause has lasted maxPause(); returns at
    /// once otherwise. Throws CancelledError on cancel.
    void waitWhileReadsPaused(const CancelToken& cancel);

    static constexpr std::chrono::milliseconds kDefaultMaxPause{120'000};
    [[nodiscard]] std::chrono::milliseconds maxPause() const;
    void setMaxPause(std::chrono::milliseconds maxPause);

    /// Feeds every sample of `monitor` to onStats() through a direct connection (runs on the monitor's
    /// sampling thread, so it works for jobs on pool threads that have no event loop). Disconnected when
    /// either object is destroyed; the governor's destructor also waits for a delivery in progress.
    QMetaObject::Connection follow(const MemoryMonitor& monitor);

public slots:
    /// Feed one level sample (from MemoryMonitor::statsUpdated, or a test). Low shrinks only when
    /// coming from Normal; Normal grows one step per sample, so feed every sample, not only changes.
    void onLevel(skyweave::MemoryLevel level);
    void onStats(const skyweave::MemoryStats& stats) { onLevel(stats.level); }

signals:
    /// e.g. ({1, 2}, "Reduced workers from 4 to 1 and batch from 8 to 2 (memory critical)")
    void adjusted(skyweave::ResourceLimits limits, QString reason);

private:
    ResourceLimits maximum_;
    ResourceLimits minimum_;
    std::recursive_mutex deliveryMutex_;  // held through onLevel() including its signal, see the destructor
    QList<QMetaObject::Connection> followed_;
    mutable std::mutex mutex_;
    std::condition_variable resumed_;
    ResourceLimits current_;
    MemoryLevel level_ = MemoryLevel::Normal;
    bool paused_ = false;
    std::chrono::steady_clock::time_point pausedSince_;
    std::chrono::milliseconds maxPause_ = kDefaultMaxPause;
    bool pauseExpired_ = false;  // this critical episode outlasted maxPause_: reads go on at the minimum
};

}  // namespace skyweave

Q_DECLARE_METATYPE(skyweave::ResourceLimits)
