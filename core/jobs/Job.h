#pragma once

#include <QObject>
#include <QString>
#include <atomic>
#include <mutex>
#include <string>

#include "common/CancelToken.h"
#include "common/EtaEstimator.h"
#include "common/ProgressSink.h"
#include "jobs/JobProgress.h"
#include "memory/MemoryStats.h"  // also declares the MemoryStats metatype

namespace skyweave {

/**
 * @brief One long operation (a stack, an interpolation, an encode) with progress and cancel.
 *
 * Subclasses implement execute(); everything else — state, ETA, exception-to-signal mapping,
 * the thread-safe cancel — lives here so every job behaves the same in the GUI and the CLI.
 * A Job runs on a JobRunner thread; observers connect with queued connections (the default
 * across threads) and never block it. Exactly one of finished/failed/cancelled is emitted.
 */
class Job : public QObject, public ProgressSink {
    Q_OBJECT

public:
    enum class State { Pending, Running, Finished, Failed, Cancelled };
    Q_ENUM(State)

    explicit Job(QString title, QObject* parent = nullptr);
    ~Job() override;

    [[nodiscard]] QString title() const { return title_; }
    [[nodiscard]] State state() const { return state_.load(); }

    /// Thread-safe; the running execute() sees it at its next strip/frame boundary.
    void cancel();
    [[nodiscard]] bool isCancelRequested() const { return cancelToken_.isCancelled(); }
    [[nodiscard]] CancelToken cancelToken() const { return cancelToken_; }
    /**
     * Makes the job share `token` with its owner (the CLI's Ctrl-C flag), so a cancel from either side
     * stops it. Call before the job is submitted: the token is read without a lock while it runs.
     */
    void shareCancelToken(const CancelToken& token) { cancelToken_ = token; }

    /// Runs execute() on the calling thread and emits the terminal signal. Called by JobRunner.
    void runNow();

    // ProgressSink: called from any thread inside execute().
    void report(const ProgressUpdate& update) override;
    void log(LogLevel level, const std::string& message) override;

    /// For execute() and its helpers: forward memory events and resource changes to observers.
    void notifyMemoryWarning(const MemoryStats& stats) { emit memoryWarning(stats); }
    void notifyMemoryCritical(const MemoryStats& stats) { emit memoryCritical(stats); }
    void notifyResourcesAdjusted(const QString& what) { emit resourcesAdjusted(what); }

signals:
    void started();
    void progressChanged(skyweave::JobProgress progress);
    void logMessage(int level, QString message);
    void finished(QString summary);
    void failed(QString error);
    void cancelled();
    void memoryWarning(skyweave::MemoryStats stats);
    void memoryCritical(skyweave::MemoryStats stats);
    /// The job changed its own resources under pressure, e.g. "Reduced workers from 4 to 1 (memory critical)".
    void resourcesAdjusted(QString what);

protected:
    /// The work. Returns a one-line summary; throws SkyweaveError on failure, CancelledError on cancel.
    virtual QString execute() = 0;

private:
    QString title_;
    CancelToken cancelToken_;
    std::atomic<State> state_{State::Pending};
    std::mutex progressMutex_;
    EtaEstimator eta_;       ///< the whole run: elapsed time
    EtaEstimator stageEta_;  ///< the current stage (one unit of progress): rate and time left
    std::string stageUnit_;
};

}  // namespace skyweave
