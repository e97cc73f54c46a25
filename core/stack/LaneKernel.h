#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "stack/CombineKernel.h"
#include "stack/SortingNetwork.h"

namespace skyweave {

/**
 * @brief The fast path of combinePixel() for SortingNetwork::kLanes pixels at once.
 *
 * Handles median without rejection, and sigma clipping with median centre and 1.4826·MAD spread
 * (followed by average, sum or median) — the common cases whose cost is selection. Values are
 * sorted per pixel by a comparator network applied across pixels (vectorised); clipping then
 * walks the sorted column, and averages add the survivors in frame order. Every result is
 * bit-identical to combinePixel() on the same values (tested), so a pixel's value never depends
 * on which path or which lane group computed it. Pixels holding NaN are left to combinePixel().
 */
class LaneKernel {
public:
    static constexpr int kLanes = SortingNetwork::kLanes;

    /// True when the lane path implements `settings` (otherwise use combinePixel for every pixel).
    static bool supports(const CombineSettings& settings);

    LaneKernel(int frameCount, const CombineSettings& settings);

    /**
     * @brief Combines `lanes` (≤ kLanes) pixels; value f of pixel l is src[f·frameStride + l].
     * @param weights per frame (average/sum), or nullptr
     * @return bit l set = pixel l holds NaN and was NOT combined (the caller uses combinePixel)
     */
    std::uint32_t combine(const float* src, std::size_t frameStride, int lanes, const float* weights, PixelResult* out);

private:
    PixelResult finishLane(const float* src, std::size_t frameStride, int lane, const float* weights);

    int n_;
    CombineSettings settings_;
    bool clip_;
    SortingNetwork network_;
    struct AlignedFree {
        void operator()(float* p) const noexcept;
    };
    std::unique_ptr<float[], AlignedFree> sorted_;  // n_ rows × kLanes, 64-byte aligned for the network
    std::vector<float> column_;  // one lane's sorted values
};

}  // namespace skyweave
