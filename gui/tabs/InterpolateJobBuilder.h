#pragma once

#include <QString>
#include <memory>

#include "interp/InterpolateRequest.h"
#include "jobs/Job.h"

namespace skyweave {
class MemoryMonitor;
}

namespace skyweave::gui {

/**
 * @brief The interpolation job for `request` following `monitor`, or nullptr with `error` saying
 *        what to fix (missing inputs or output, parameters core refuses).
 */
std::shared_ptr<Job> buildInterpolateJob(const InterpolateRequest& request, MemoryMonitor* monitor, QString& error);

}  // namespace skyweave::gui
