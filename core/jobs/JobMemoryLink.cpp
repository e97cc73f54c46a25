#include "jobs/JobMemoryLink.h"

#include "jobs/Job.h"
#include "memory/MemoryMonitor.h"
#include "memory/PressureGovernor.h"

namespace skyweave {

JobMemoryLink::JobMemoryLink(Job& job, MemoryMonitor* monitor) : job_(job), monitor_(monitor) {
    if (!monitor_) return;
    connections_ << QObject::connect(monitor_, &MemoryMonitor::memoryWarning, &job_, &Job::notifyMemoryWarning,
                                     Qt::DirectConnection)
                 << QObject::connect(monitor_, &MemoryMonitor::memoryCritical, &job_, &Job::notifyMemoryCritical,
                                     Qt::DirectConnection);
}

JobMemoryLink::~JobMemoryLink() {
    for (const auto& c : connections_) QObject::disconnect(c);
}

void JobMemoryLink::attach(PressureGovernor& governor) {
    Job* job = &job_;
    connections_ << QObject::connect(&governor, &PressureGovernor::adjusted, job,
                                     [job](ResourceLimits, const QString& why) { job->notifyResourcesAdjusted(why); },
                                     Qt::DirectConnection);
    if (monitor_) connections_ << governor.follow(*monitor_);
}

}  // namespace skyweave
