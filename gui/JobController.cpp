#include "JobController.h"

#include "jobs/JobRunner.h"

namespace skyweave::gui {

JobController::JobController(QObject* parent) : QObject(parent), runner_(std::make_unique<JobRunner>(1)) {}

JobController::~JobController() {
    if (job_) job_->cancel();
    runner_.reset();  // JobRunner's destructor cancels and waits
}

bool JobController::start(std::shared_ptr<Job> job) {
    if (job_ || !job) return false;
    job_ = job;
    Job* raw = job.get();
    // Receivers are `this` (GUI thread) and the job emits on a runner thread: queued delivery.
    connect(raw, &Job::progressChanged, this, [this, raw](const JobProgress& p) { emit progressChanged(raw, p); });
    connect(raw, &Job::logMessage, this,
            [this, raw](int level, const QString& text) { emit logLine(raw->title(), level, text); });
    connect(raw, &Job::resourcesAdjusted, this, &JobController::resourcesAdjusted);
    connect(raw, &Job::finished, this, [this](const QString& summary) { end(Job::State::Finished, summary); });
    connect(raw, &Job::failed, this, [this](const QString& error) { end(Job::State::Failed, error); });
    connect(raw, &Job::cancelled, this, [this] { end(Job::State::Cancelled, tr("Cancelled.")); });
    emit jobStarted(raw);
    runner_->submit(std::move(job));
    return true;
}

void JobController::cancel() {
    if (job_) job_->cancel();
}

void JobController::end(Job::State state, const QString& message) {
    // Keep the object alive while observers look at it; drop it afterwards.
    const std::shared_ptr<Job> job = std::move(job_);
    job_.reset();
    if (job) job->disconnect(this);
    emit jobEnded(job.get(), state, message);
}

}  // namespace skyweave::gui
