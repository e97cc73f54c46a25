#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

#include "common/CancelToken.h"
#include "common/ProgressSink.h"
#include "encode/EncodeParams.h"
#include "encode/VideoEncoder.h"
#include "interp/InterpolationParams.h"
#include "interp/InterpolationPipeline.h"
#include "io/SequenceLoader.h"

namespace skyweave {

/// One whole interpolation run as the GUI and the CLI describe it: inputs, how, and where to.
struct InterpolateRequest {
    std::vector<std::filesystem::path> inputs;  ///< files and/or folders
    SequenceParams sequence;
    InterpolationParams interpolation;
    std::optional<encode::EncodeParams> video;  ///< encode to a video file …
    std::filesystem::path framesFolder;         ///< … or write PNG frames here (when video is empty)
    bool overwrite = false;                     ///< replace an existing output (video: EncodeParams::overwrite)
    std::uint64_t budgetBytes = 0;              ///< memory the run may plan for
    int maxWorkers = 0;                         ///< 0 = one per core
};

/// What a run produced.
struct InterpolateOutcome {
    InterpolationSummary interpolation;
    std::optional<encode::EncodeSummary> video;
    std::string output;  ///< sink description: "out.mp4 (…)", "frames/ (PNG)"
};

/// Hooks for the caller: memory samples for the plan and batches, and a look at the governor before the run.
struct InterpolateHooks {
    InterpolationPipeline::MemorySampler sampler;             ///< empty: plan against the budget alone
    std::function<void(PressureGovernor&)> onGovernor;        ///< connect monitor signals, tests feed levels
};

/**
 * @brief Loads, plans, interpolates and writes: the one code path behind `skyweave-cli interpolate`,
 * `skyweave-cli encode` and the GUI's InterpolateJob.
 * @throws SkyweaveError / CancelledError; no output remains on either.
 */
InterpolateOutcome runInterpolateRequest(const InterpolateRequest& request, ProgressSink& progress,
                                         const CancelToken& cancel, const InterpolateHooks& hooks = {});

}  // namespace skyweave
