#include "jobs/JobRunner.h"

#include <algorithm>

#include "common/ThreadPoolTask.h"
#include "jobs/Job.h"

namespace skyweave {

JobRunner::JobRunner(int maxConcurrentJobs, QObject* parent) : QObject(parent) {
    pool_.setMaxThreadCount(std::max(1, maxConcurrentJobs));
}

JobRunner::~JobRunner() {
    cancelAll();
    pool_.waitForDone();
}

void JobRunner::submit(std::shared_ptr<Job> job) {
    {
        std::lock_guard lock(mutex_);
        active_.push_back(job);
    }
    ThreadPoolTask::start(pool_, [this, job] {
        emit jobStarted(job.get());
        job->runNow();
        emit jobEnded(job.get());
        std::lock_guard lock(mutex_);
        active_.erase(std::remove(active_.begin(), active_.end(), job), active_.end());
    });
}

void JobRunner::cancelAll() {
    std::lock_guard lock(mutex_);
    for (const auto& job : active_) job->cancel();
}

bool JobRunner::waitForDone(int timeoutMs) { return pool_.waitForDone(timeoutMs); }

int JobRunner::activeJobCount() const {
    std::lock_guard lock(mutex_);
    return static_cast<int>(active_.size());
}

}  // namespace skyweave
