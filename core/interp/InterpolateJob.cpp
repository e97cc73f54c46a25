#include "interp/InterpolateJob.h"

#include "memory/MemoryMonitor.h"

namespace skyweave {

InterpolateJob::InterpolateJob(InterpolateRequest request, MemoryMonitor* monitor, QObject* parent)
    : Job(tr("Interpolate %1 input(s)").arg(request.inputs.size()), parent),
      request_(std::move(request)),
      monitor_(monitor) {}

QString InterpolateJob::execute() {
    InterpolateHooks hooks;
    QList<QMetaObject::Connection> connections;
    if (monitor_) {
        hooks.sampler = [this] { return monitor_->sample(); };
        connections << connect(monitor_, &MemoryMonitor::memoryWarning, this, &Job::notifyMemoryWarning,
                               Qt::DirectConnection)
                    << connect(monitor_, &MemoryMonitor::memoryCritical, this, &Job::notifyMemoryCritical,
                               Qt::DirectConnection);
    }
    hooks.onGovernor = [this, &connections](PressureGovernor& governor) {
        connections << connect(&governor, &PressureGovernor::adjusted, this,
                               [this](ResourceLimits, const QString& reason) { notifyResourcesAdjusted(reason); },
                               Qt::DirectConnection);
        // Every sample, not only level changes: the governor grows back one step per Normal sample.
        if (monitor_) connections << governor.follow(*monitor_);
    };
    struct Disconnect {
        QList<QMetaObject::Connection>& list;
        ~Disconnect() {
            for (const auto& c : list) QObject::disconnect(c);
        }
    } disconnectAtEnd{connections};

    outcome_ = runInterpolateRequest(request_, *this, cancelToken(), hooks);
    const auto& s = outcome_->interpolation;
    return tr("%1 frames in (%6 skipped), %2 out to %3 in %4 s (%5 pairs cross-faded at scene changes)")
        .arg(s.framesIn)
        .arg(s.framesOut)
        .arg(QString::fromStdString(outcome_->output))
        .arg(s.seconds, 0, 'f', 1)
        .arg(s.blendFallbackPairs.size())
        .arg(s.skipped.size());
}

}  // namespace skyweave
