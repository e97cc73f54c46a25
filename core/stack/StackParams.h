#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "stack/CombineSettings.h"
#include "common/FrameTransform.h"

namespace skyweave {

/// How a shifted/rotated frame is sampled onto the reference grid.
enum class Resampling { Bilinear, Lanczos3 };
/// Per-frame normalisation to the reference frame's median (applied before rejection).
enum class Normalization { None, Multiplicative, Additive };

/**
 * @brief Everything a stack run needs; filled alike by the GUI, `skyweave-cli stack` and tests.
 *
 * Per-input vectors (`weights`, `transforms`, `presetSkipReasons`) are either empty (defaults
 * for every frame) or exactly as long as `inputs`.
 */
struct StackParams {
    static constexpr std::uint64_t kDefaultMemoryLimitBytes = 2ULL << 30;  ///< 2 GiB

    std::vector<std::filesystem::path> inputs;
    std::filesystem::path output;
    bool overwrite = false;

    CombineSettings combine;
    std::vector<double> weights;  ///< per-frame weights for average/sum; empty = equal
    Normalization normalization = Normalization::None;
    /// Frame whose geometry, WCS and median are the reference (index into `inputs`; the first usable frame if that one is skipped).
    int referenceIndex = 0;

    std::uint64_t memoryLimitBytes = kDefaultMemoryLimitBytes;  ///< everything the run allocates, all threads together
    int chunkSize = 10;         ///< frames per chunk when chunked (forced, or forced by the limit)
    bool forceChunked = false;  ///< combine in frame chunks even when strips would fit (the seed's mode)
    int threads = 0;            ///< worker threads; 0 = all cores

    std::vector<FrameTransform> transforms;  ///< output → input pixel maps; empty = identity (pre-registered)
    Resampling resampling = Resampling::Bilinear;
    bool writeRejectionMap = false;  ///< add a REJECTED extension (count of rejected values per pixel)

    // Provenance for the header, set by the caller that computed `transforms`.
    std::string alignMode = "none";        ///< none | wcs | stars
    bool motionTracked = false;
    std::string trackedObject;
    /// Per input: non-empty = skip this frame with this reason (e.g. "no WCS", from registration).
    std::vector<std::string> presetSkipReasons;
    /// Extra HISTORY lines (e.g. per-frame registration residuals).
    std::vector<std::string> historyLines;
};

}  // namespace skyweave
