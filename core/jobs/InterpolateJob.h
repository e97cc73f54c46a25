#pragma once

#include <optional>

#include "interp/InterpolateRequest.h"
#include "jobs/Job.h"

namespace skyweave {

class MemoryMonitor;

/**
 * @brief The GUI's handle on an interpolation run: progress per output frame with ETA, cancel
 * within one pair, memory signals and resourcesAdjusted() when the governor shrinks or grows the run.
 *
 * When a MemoryMonitor is given, its samples drive the pipeline's governor (direct connection: the
 * governor is thread-safe and the job's thread has no event loop) and its warnings are forwarded as
 * this job's memoryWarning/memoryCritical signals.
 */
class InterpolateJob : public Job {
    Q_OBJECT

public:
    explicit InterpolateJob(InterpolateRequest request, MemoryMonitor* monitor = nullptr, QObject* parent = nullptr);

    /// The outcome once finished() was emitted.
    [[nodiscard]] const std::optional<InterpolateOutcome>& outcome() const { return outcome_; }

protected:
    QString execute() override;

private:
    InterpolateRequest request_;
    MemoryMonitor* monitor_;
    std::optional<InterpolateOutcome> outcome_;
};

}  // namespace skyweave
