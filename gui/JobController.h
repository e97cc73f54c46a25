#pragma once

#include <QObject>
#include <QString>
#include <memory>

#include "jobs/Job.h"
#include "jobs/JobProgress.h"

namespace skyweave {
class JobRunner;
class MemoryMonitor;
}

namespace skyweave::gui {

/**
 * @brief The GUI's one door to core's JobRunner: starts a job, relays its signals, cancels it.
 *
 * One job at a time (jobs plan for the whole memory budget). Every signal of the job reaches
 * the GUI thread queued; this class keeps the job alive until its terminal signal has been
 * handled here, then emits jobEnded. Cancelling never blocks: the job stops at its next
 * strip/frame boundary and ends with Cancelled.
 */
class JobController : public QObject {
    Q_OBJECT

public:
    explicit JobController(QObject* parent = nullptr);
    ~JobController() override;  ///< cancels a running job and waits for it (window already closed)

    [[nodiscard]] bool isRunning() const { return job_ != nullptr; }
    [[nodiscard]] Job* currentJob() const { return job_.get(); }
    [[nodiscard]] QString currentTitle() const { return job_ ? job_->title() : QString(); }

    /// The monitor jobs follow for pressure handling (may be null in tests of single widgets).
    void setMemoryMonitor(MemoryMonitor* monitor) { monitor_ = monitor; }
    [[nodiscard]] MemoryMonitor* memoryMonitor() const { return monitor_; }

    /// Submits `job`; false (and nothing happens) while another job runs.
    bool start(std::shared_ptr<Job> job);

public slots:
    void cancel();

signals:
    /// Emitted on the GUI thread before the job is submitted, so views can connect to it.
    void jobStarted(skyweave::Job* job);
    void progressChanged(skyweave::Job* job, skyweave::JobProgress progress);
    void logLine(QString source, int level, QString text);
    void resourcesAdjusted(QString what);
    /// After the job's terminal signal; `message` is the summary, the error or "Cancelled".
    void jobEnded(skyweave::Job* job, skyweave::Job::State state, QString message);

private:
    void end(Job::State state, const QString& message);

    std::unique_ptr<JobRunner> runner_;
    std::shared_ptr<Job> job_;
    MemoryMonitor* monitor_ = nullptr;
};

}  // namespace skyweave::gui
