#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/FrameTransform.h"

namespace skyweave {

/// What the planner decided: strip height, workers and (when strips cannot fit) frame chunks.
struct StripPlan {
    int rowsPerStrip = 0;
    int stripCount = 0;
    int workers = 1;                  ///< strips in flight at once
    bool chunked = false;             ///< frames combined in chunks (see StackEngine)
    int framesPerChunk = 0;           ///< = frame count when not chunked
    int chunkCount = 1;
    std::uint64_t bytesPerStrip = 0;  ///< one strip in flight, every buffer counted
    std::uint64_t fixedBytes = 0;     ///< per-run overhead outside strips
    std::uint64_t plannedPeakBytes = 0;
    std::string summary;              ///< one line for the log
};

/**
 * @brief Pure memory arithmetic for strip tiling (no I/O, no allocation).
 *
 * One strip in flight costs (bytes, F frames per strip, R rows, W width):
 *   F·R·W·4            resampled values of every frame (the combine input)
 * + M(R)·W·4           raw input rows of one shifted frame (M(R) = rows its transform maps in + margin)
 * + R·W·(4 + 4 [+4])   output values, coverage counts [, rejection counts]
 * + R·W·20             chunked only: double sum, double weight sum, float running value
 * + F·4·4              per-pixel gather, work, weights, scratch
 * + F·132 + 1 MiB      lane-kernel rows; the worker's touched stack and malloc arena
 * The fixed part is per-frame handle overhead plus the headers. The limit must hold for
 * `workers` strips in flight plus the fixed part.
 */
class StripPlanner {
public:
    struct Input {
        int width = 0;
        int height = 0;
        int frameCount = 0;
        std::vector<FrameTransform> transforms;  ///< empty or frameCount long
        int interpolationMargin = 1;             ///< 1 bilinear, 3 Lanczos-3
        std::uint64_t memoryLimitBytes = 0;
        std::uint64_t headerBytes = 0;           ///< sum of the frames' header sizes kept in memory
        int threads = 1;
        bool rejectionMap = false;
        bool forceChunked = false;
        int chunkSize = 10;
    };

    static constexpr std::uint64_t kPerFrameOverheadBytes = 192 * 1024;  ///< cfitsio handle with its 40 × 2880-byte I/O buffers, tile cache, bookkeeping
    static constexpr std::uint64_t kPerWorkerOverheadBytes = 1 << 20;  ///< thread stack pages, malloc arena
    /// Outside the strips: the writer's buffers, result lists, glibc arena slack and the code and data
    /// pages of the libraries a run touches beyond an idle process (measured ≈ 25 MiB with 2 workers).
    static constexpr std::uint64_t kRunOverheadBytes = 32ULL << 20;

    /// @throws SkyweaveError(Memory) with the needed figure when even one row of a 2-frame chunk does not fit.
    static StripPlan plan(const Input& in);

    /// Bytes of one strip in flight (see class comment).
    static std::uint64_t stripBytes(const Input& in, int rows, int frames, bool chunked);
    /// Input rows a frame needs for `rows` output rows (full width) under transform `t`.
    static int inputRowsNeeded(const FrameTransform& t, int width, int rows, int margin, int height);
    static std::uint64_t fixedBytes(const Input& in);
};

}  // namespace skyweave
