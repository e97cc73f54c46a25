#include "jobs/InterpolateJob.h"

#include "jobs/JobMemoryLink.h"
#include "memory/MemoryMonitor.h"

namespace skyweave {

InterpolateJob::InterpolateJob(InterpolateRequest request, MemoryMonitor* monitor, QObject* parent)
    : Job(tr("Interpolate %1 input(s)").arg(request.inputs.size()), parent),
      request_(std::move(request)),
      monitor_(monitor) {}

QString InterpolateJob::execute() {
    JobMemoryLink link(*this, monitor_);
    InterpolateHooks hooks;
    if (monitor_) hooks.sampler = [this] { return monitor_->sample(); };
    hooks.onGovernor = [&link](PressureGovernor& governor) { link.attach(governor); };
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
