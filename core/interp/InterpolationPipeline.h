#pragma once

#include <QThreadPool>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/CancelToken.h"
#include "common/SkippedFrame.h"
#include "common/ProgressSink.h"
#include "interp/InterpolationParams.h"
#include "io/FrameSink.h"
#include "io/SequenceLoader.h"
#include "memory/MemoryBudget.h"
#include "memory/PressureGovernor.h"

namespace skyweave {

/// How many pairs may be in flight and how many workers compute them, with the costs behind it.
struct InterpolationPlan {
    std::uint64_t frameBytes = 0;      ///< one decoded frame
    std::uint64_t perPairBytes = 0;    ///< one pair in flight: its second input + F − 1 outputs
    std::uint64_t perWorkerBytes = 0;  ///< working set of one worker (flow level, strips)
    std::uint64_t sinkBytes = 0;       ///< reserved once for the sink (the video encoder's queue and codec)
    ResourceLimits limits;             ///< workers, batch = pairs in flight (the window)
    /// "4 pairs in flight, 2 workers, 35 MB per pair, 20 MB per worker, 450 MB for the sink"
    std::string describe() const;
};

/// What a run did, for summaries and `--json`.
struct InterpolationSummary {
    long long framesIn = 0;
    long long framesOut = 0;
    std::vector<int> blendFallbackPairs;  ///< pair indices (0-based: frames k, k+1) that were cross-faded
    std::vector<int> batchSizes;          ///< window used for each batch, in order (shows governor shrinking)
    std::vector<SkippedFrame> skipped;    ///< inputs that could not be read during the run, with the reason
    double seconds = 0.0;
    std::uint64_t peakRssBytes = 0;       ///< VmHWM of the process at the end
    InterpolationPlan plan;
};

/**
 * @brief Loads a sequence, interpolates every pair and streams frames in order into a FrameSink.
 *
 * Threading: the calling thread writes; a private QThreadPool decodes frames and interpolates
 * pairs ahead of it, at most `batch` pairs beyond the last one written. A task only ever waits for
 * tasks submitted before it (FIFO pool), so the pipeline cannot deadlock at any worker count.
 * Memory: the plan (per-pair and per-worker bytes from MemoryBudget) bounds the pairs in flight;
 * between batches the governor's current limits are applied (fewer pairs, fewer workers under
 * Low/Critical, back up under Normal), memory is logged and the heap is trimmed. Under Critical,
 * new reads wait until the level drops. Cancel is seen within one pair: nothing more is written
 * and the sink is aborted, so no partial output remains.
 * A frame that cannot be read during the run (deleted, truncated or replaced after its header was
 * checked) is skipped with the reason, as if it had not been given: its neighbours are interpolated
 * across the gap at the same factor, so the output equals a run on the remaining frames (F fewer
 * frames; the motion across the gap is faster). Fewer than two readable frames is an error. A file
 * that fails to decode although unchanged since its check is bad input: the run fails naming it.
 */
class InterpolationPipeline {
public:
    /// Returns the memory figures the plan and batch logs use; the default reports the budget as free.
    /// A sampler given here also feeds the governor at every batch boundary (the CLI needs no event loop).
    using MemorySampler = std::function<MemoryStats()>;

    /// Plans the run. `sinkBytes` is what the sink holds while running (estimateEncoderMemory() for a video
    /// encoder), reserved before workers and pairs in flight are sized.
    /// @throws SkyweaveError(Memory) when the sink, one pair and one worker do not fit the budget.
    InterpolationPipeline(const SequenceLoader& loader, InterpolationParams params, const MemoryBudget& budget,
                          int maxWorkers = 0, MemorySampler sampler = {}, std::uint64_t sinkBytes = 0);
    ~InterpolationPipeline();
    InterpolationPipeline(const InterpolationPipeline&) = delete;
    InterpolationPipeline& operator=(const InterpolationPipeline&) = delete;

    [[nodiscard]] const InterpolationPlan& plan() const { return plan_; }
    /// Feed memory levels here (MemoryMonitor::levelChanged, or a test) before or during run().
    [[nodiscard]] PressureGovernor& governor() { return *governor_; }
    /// Output frames for N inputs at factor F: F·(N − 1) + 1.
    [[nodiscard]] long long outputFrameCount() const;

    /// Runs to the end: sink.open(), frames in order, sink.finish(). Progress counts output frames.
    /// @throws CancelledError (sink aborted), SkyweaveError (sink aborted).
    InterpolationSummary run(FrameSink& sink, ProgressSink& progress, const CancelToken& cancel);

    /// The plan for a sequence of this format and length, without touching any file. `sinkBytes` is
    /// taken off the budget first; a budget below it is refused with the sink's own need named.
    static InterpolationPlan makePlan(const FrameFormat& format, std::size_t frames, const InterpolationParams& params,
                                      const MemoryBudget& budget, const MemoryStats& stats, int maxWorkers,
                                      std::uint64_t sinkBytes = 0);

private:
    struct State;
    void housekeeping(int batchIndex, ProgressSink& progress);

    const SequenceLoader& loader_;
    InterpolationParams params_;
    MemoryBudget budget_;
    MemorySampler sampler_;
    bool feedGovernor_ = false;
    InterpolationPlan plan_;
    std::unique_ptr<PressureGovernor> governor_;
    QThreadPool pool_;
};

/// Peak resident set size of this process so far (VmHWM), in bytes.
std::uint64_t processPeakRssBytes();

}  // namespace skyweave
