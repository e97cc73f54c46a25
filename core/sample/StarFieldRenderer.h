#pragma once

#include <opencv2/core/mat.hpp>

#include "sample/StarFieldScene.h"

namespace skyweave::sample {

/**
 * @brief Renders one frame of the scene: sky, Moffat stars, the trailed asteroid, noise and cosmic rays.
 *
 * Returns a CV_32FC1 image (height × width) in ADU, row 0 being FITS row 1. Each pixel integrates the
 * PSF over its area (3×3 sub-samples), so sub-pixel positions are honoured. Noise and cosmic rays
 * follow the scene's parameters; with both off the result is the exact noise-free expectation.
 * Deterministic: the same scene and index give the same pixels.
 */
cv::Mat renderStarFieldFrame(const StarFieldScene& scene, int frameIndex);

}  // namespace skyweave::sample
