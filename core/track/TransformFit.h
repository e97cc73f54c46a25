#pragma once

#include <span>

#include "common/FrameTransform.h"

namespace skyweave::track {

/// A pixel position (0-based pixel centres).
struct PixelPoint {
    double x = 0.0;
    double y = 0.0;
};

/**
 * @brief Least-squares fits of FrameTransform to point pairs (`from[i]` ↦ `to[i]`).
 *
 * Registration fits "reference pixel → frame pixel", the direction FrameTransform maps.
 * All fits are closed-form or one small linear solve; callers do the outlier rejection.
 */
class TransformFit {
public:
    /// Rotation + translation (+ uniform scale when `allowScale`); needs ≥ 2 pairs.
    [[nodiscard]] static FrameTransform similarity(std::span<const PixelPoint> from,
                                                   std::span<const PixelPoint> to, bool allowScale);
    /// Full 6-parameter affine; needs ≥ 3 non-collinear pairs.
    [[nodiscard]] static FrameTransform affine(std::span<const PixelPoint> from,
                                               std::span<const PixelPoint> to);
    /// Root-mean-square distance |T(from) − to| in pixels.
    [[nodiscard]] static double rmsResidual(const FrameTransform& t, std::span<const PixelPoint> from,
                                            std::span<const PixelPoint> to);
    /// The inverse mapping; throws SkyweaveError(Internal) when `t` is singular.
    [[nodiscard]] static FrameTransform inverse(const FrameTransform& t);
    /// Uniform scale √|det| and rotation in degrees (of the similarity part) of `t`.
    [[nodiscard]] static double scaleOf(const FrameTransform& t);
    [[nodiscard]] static double rotationDegOf(const FrameTransform& t);
};

}  // namespace skyweave::track
