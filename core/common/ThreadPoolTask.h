#pragma once

#include <QRunnable>
#include <functional>

class QThreadPool;

namespace skyweave {

/**
 * @brief A QRunnable running one std::function, handed to a QThreadPool with a visible hand-off.
 *
 * QThreadPool passes a task to its worker under Qt's futex-based QMutex, which ThreadSanitizer
 * cannot see (Qt is not instrumented), so everything the submitting thread wrote into the task
 * would be reported as racing with the worker that runs it. start() publishes the task with a
 * release annotation and run() acquires it before touching the function; in builds without
 * ThreadSanitizer both are no-ops. Use ThreadPoolTask::start instead of QThreadPool::start(lambda).
 */
class ThreadPoolTask final : public QRunnable {
public:
    /// Queues `task` on `pool` (the pool deletes the runnable after it ran).
    static void start(QThreadPool& pool, std::function<void()> task);

    void run() override;

private:
    explicit ThreadPoolTask(std::function<void()> task);

    std::function<void()> task_;
};

}  // namespace skyweave
