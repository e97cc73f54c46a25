#pragma once

#include <opencv2/core/mat.hpp>

#include "interp/InterpolationParams.h"

namespace skyweave {

/**
 * @brief Dense optical flow from `from` to `to`: for each pixel p of `from`, where it went in `to`.
 *
 * Both images are single-channel 8-bit and the same size; the result is CV_32FC2 (dx, dy) in
 * pixels of that size. A fresh engine is made per call, so this is safe from any thread (the
 * OpenCV engines themselves keep per-instance state and must not be shared between threads).
 */
cv::Mat computeDenseFlow(const cv::Mat& from, const cv::Mat& to, FlowAlgorithm algorithm, FlowQuality quality);

}  // namespace skyweave
