#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/CancelToken.h"
#include "common/ProgressSink.h"
#include "stack/StackParams.h"
#include "stack/StackResult.h"

namespace skyweave {

class FrameCatalog;
class PressureGovernor;

/**
 * @brief Stacks FITS frames strip by strip within a hard memory limit (see core/stack/README.md).
 *
 * For each strip of output rows every frame's needed rows are read (cfitsio row ranges, never a
 * whole frame), resampled when the frame is shifted, combined per pixel and written straight
 * into the output file. Up to plan.workers strips are in flight on their own threads. The
 * result is bit-identical for every strip height, because each pixel's combine sees the same
 * values in the same frame order. When even one row of all frames does not fit, frames are
 * combined in chunks (exact for sum/average/min/max without rejection, approximate otherwise,
 * which the log and header say). A failed allocation halves the strip and retries. A frame that
 * cannot be read mid-run (truncated or replaced after its checks) is skipped with the reason and
 * the combine starts over without it, so the output is always the exact stack of the frames used.
 */
class StackEngine {
public:
    StackEngine(StackParams params, ProgressSink& sink, CancelToken cancel);

    /// Queried between strips: how many strips may be in flight now (the PressureGovernor's workers).
    void setWorkerLimit(std::function<int()> limit) { workerLimit_ = std::move(limit); }
    /// Called before each strip is read (e.g. to wait while the governor pauses reads).
    void setBeforeStrip(std::function<void()> hook) { beforeStrip_ = std::move(hook); }
    /// Strips in flight follow governor.current().workers; reads wait while it pauses them.
    void followGovernor(PressureGovernor& governor);
    /// Called with a strip's byte count before its buffers are allocated; may throw std::bad_alloc (tests).
    void setAllocationProbe(std::function<void(std::uint64_t)> probe) { allocationProbe_ = std::move(probe); }

    /// Runs the stack and writes params.output atomically. @throws SkyweaveError, CancelledError.
    StackResult run();

private:
    /// One complete pass over the frames of `catalog` into a fresh output. @throws FrameReadFailure.
    StackResult combine(FrameCatalog& catalog, const std::vector<std::string>& earlierLog);

    StackParams params_;
    ProgressSink& sink_;
    CancelToken cancel_;
    std::function<int()> workerLimit_;
    std::function<void(std::uint64_t)> allocationProbe_;
    std::function<void()> beforeStrip_;
};

}  // namespace skyweave
