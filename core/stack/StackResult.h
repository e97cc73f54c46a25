#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/SkippedFrame.h"
#include "common/FrameTransform.h"

namespace skyweave {

/// A frame that took part in the stack.
struct UsedFrame {
    std::filesystem::path path;
    FrameTransform transform;
    double exposureSeconds = 0.0;
};

/// What a stack run did; the CLI prints it (--json) and the Job summarises it.
struct StackResult {
    std::filesystem::path output;
    int width = 0;
    int height = 0;
    std::vector<UsedFrame> used;
    std::vector<SkippedFrame> skipped;
    int strips = 0;             ///< strips actually combined (more than planned after a halving)
    int rowsPerStrip = 0;       ///< as planned
    int workers = 0;
    bool chunked = false;
    bool approximate = false;   ///< chunked median/rejection: not the exact per-pixel statistic
    int chunks = 1;
    int allocationRetries = 0;  ///< strips halved after an allocation failure
    /// Strips allowed in flight, each change in order (e.g. {4, 2, 1, 2, 4} through a pressure walk).
    std::vector<int> workerLimits;
    std::uint64_t plannedPeakBytes = 0;
    double totalExposureSeconds = 0.0;
    double seconds = 0.0;
    std::vector<std::string> log;  ///< the notable lines also sent to the ProgressSink
};

}  // namespace skyweave
