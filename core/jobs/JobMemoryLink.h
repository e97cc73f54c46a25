#pragma once

#include <QList>
#include <QMetaObject>

namespace skyweave {

class Job;
class MemoryMonitor;
class PressureGovernor;

/**
 * @brief Connects a running Job to the memory monitor for the length of its execute().
 *
 * The monitor's Low/Critical samples become the job's memoryWarning()/memoryCritical() signals, and
 * a governor attached here follows every sample (not only level changes: it grows back one step per
 * Normal sample) and reports its changes as the job's resourcesAdjusted(). All connections are
 * direct: the monitor samples on its own thread, the governor is thread-safe and the job's thread
 * has no event loop. Everything is disconnected when the link goes out of scope.
 */
class JobMemoryLink {
public:
    JobMemoryLink(Job& job, MemoryMonitor* monitor);
    ~JobMemoryLink();
    JobMemoryLink(const JobMemoryLink&) = delete;
    JobMemoryLink& operator=(const JobMemoryLink&) = delete;

    void attach(PressureGovernor& governor);

private:
    Job& job_;
    MemoryMonitor* monitor_;
    QList<QMetaObject::Connection> connections_;
};

}  // namespace skyweave
