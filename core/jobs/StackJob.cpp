#include "jobs/StackJob.h"

#include "jobs/JobMemoryLink.h"

namespace skyweave {

StackJob::StackJob(StackRequest request, MemoryMonitor* monitor, QObject* parent)
    : Job(tr("Stack %1 frames").arg(request.stack.inputs.size()), parent), request_(std::move(request)), monitor_(monitor) {}

QString StackJob::execute() {
    JobMemoryLink link(*this, monitor_);
    StackHooks hooks;
    hooks.onGovernor = [&link](PressureGovernor& governor) { link.attach(governor); };
    outcome_ = runStackRequest(request_, *this, cancelToken(), hooks);
    return QString::fromStdString(stackSummaryLine(*outcome_));
}

}  // namespace skyweave
