#pragma once

#include <utility>

#include "common/FrameTransform.h"
#include "stack/StackParams.h"

namespace skyweave {

/**
 * @brief Samples a transformed frame onto strips of the reference grid (pure functions).
 *
 * An output pixel whose interpolation support leaves the input image is NaN: frames never
 * contribute invented edge data, and the combine ignores NaN (the coverage map counts the rest).
 * Lanczos-3 falls back to bilinear where its 6×6 support leaves the image but the 2×2 one does not.
 * Each output pixel depends only on its own coordinates and the input, never on the strip it is
 * computed in — the basis of the bit-identical tiling.
 */
class FrameResampler {
public:
    /// Rows of support on each side of the sample (1 bilinear, 3 Lanczos-3).
    static int margin(Resampling mode) { return mode == Resampling::Lanczos3 ? 3 : 1; }

    /// Input rows [first, last) that output rows [y0, y0 + rows) of a full-width strip sample; empty when none.
    static std::pair<int, int> inputRowRange(const FrameTransform& t, int width, int height, int y0, int rows, Resampling mode);

    /**
     * @brief Fills `out` (rows × width) with the frame sampled at output rows [y0, y0 + rows).
     * @param raw input rows [rawFirstRow, rawFirstRow + rawRows) of a width × height frame
     */
    static void resampleStrip(const float* raw, int rawFirstRow, int rawRows, int width, int height,
                              const FrameTransform& t, Resampling mode, int y0, int rows, float* out);
};

}  // namespace skyweave
