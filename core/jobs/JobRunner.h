#pragma once

#include <QObject>
#include <QThreadPool>
#include <memory>
#include <mutex>
#include <vector>

namespace skyweave {

class Job;

/**
 * @brief Runs Jobs on its own thread pool, so the GUI thread never blocks.
 *
 * The runner keeps each submitted job alive until it has emitted its terminal signal.
 * Jobs parallelise internally (strips, frame pairs) on the global pool, so by default the
 * runner itself runs one job at a time: two memory-planned jobs side by side would each
 * plan for the whole budget.
 */
class JobRunner : public QObject {
    Q_OBJECT

public:
    explicit JobRunner(int maxConcurrentJobs = 1, QObject* parent = nullptr);
    ~JobRunner() override;  ///< cancels what runs and waits for it

    void submit(std::shared_ptr<Job> job);
    void cancelAll();
    /// Waits for every submitted job to end; false on timeout. Never call from a job.
    bool waitForDone(int timeoutMs = -1);
    [[nodiscard]] int activeJobCount() const;

signals:
    void jobStarted(skyweave::Job* job);
    void jobEnded(skyweave::Job* job);

private:
    QThreadPool pool_;
    mutable std::mutex mutex_;
    std::vector<std::shared_ptr<Job>> active_;
};

}  // namespace skyweave
