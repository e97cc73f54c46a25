#include "LatestTask.h"

#include "jobs/JobRunner.h"
#include "jobs/TaskJob.h"

namespace skyweave::gui {

LatestTask::LatestTask(QObject* parent) : QObject(parent), runner_(new JobRunner(1, this)) {}

LatestTask::~LatestTask() {
    runner_->cancelAll();
    runner_->waitForDone();
}

void LatestTask::run(const QString& title, std::function<void(const CancelToken&)> work, std::function<void()> done,
                     std::function<void(const QString&)> failed) {
    if (current_) current_->cancel();
    auto job = std::make_shared<TaskJob>(title, [work = std::move(work)](ProgressSink&, const CancelToken& cancel) {
        work(cancel);
        return QString();
    });
    Job* raw = job.get();
    // Queued to this thread; a job replaced meanwhile is recognised by its address and ignored.
    connect(raw, &Job::finished, this, [this, raw, done = std::move(done)] {
        if (current_.get() != raw) return;
        current_.reset();
        done();
    });
    connect(raw, &Job::failed, this, [this, raw, failed = std::move(failed)](const QString& error) {
        if (current_.get() != raw) return;
        current_.reset();
        failed(error);
    });
    connect(raw, &Job::cancelled, this, [this, raw] {
        if (current_.get() == raw) current_.reset();
    });
    current_ = job;
    runner_->submit(std::move(job));
}

}  // namespace skyweave::gui
