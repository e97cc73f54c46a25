#pragma once

#include <cstdint>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "common/CancelToken.h"
#include "interp/InterpolationParams.h"

namespace skyweave {

/// Dense motion between two frames, measured once per pair and reused for every t.
struct PairMotion {
    cv::Mat forward;        ///< CV_32FC2 at the flow level: where each pixel of A went in B
    cv::Mat backward;       ///< CV_32FC2: where each pixel of B went in A
    cv::Mat forwardError;   ///< CV_32F: |forward(p) + backward(p + forward(p))| — high where A's pixel is hidden in B
    cv::Mat backwardError;  ///< CV_32F: the same for B's pixels
    double scale = 1.0;     ///< flow-level size ÷ frame size (≤ 1)
    /// Mean |A(p) − B(p + forward(p))| at the scene probe's scale, in % of full scale: the change the
    /// motion does not explain (a scene cut keeps it high).
    double compensatedPercent = 0.0;
};

/// What one pair produced.
struct PairResult {
    std::vector<cv::Mat> frames;     ///< F − 1 in-between frames at t = 1/F … (F−1)/F, in order
    bool fellBackToBlend = false;    ///< scene change: cross-faded instead of warped
    double sceneChangePercent = 0.0; ///< mean absolute difference in percent of full scale
    double compensatedPercent = 0.0; ///< what is left of it after motion compensation (flow method only)
};

/// Mean absolute difference of the two frames (grey, area-averaged to ~48×48), in percent of full scale.
/// A pair is a scene cut when this exceeds the threshold and motion compensation leaves more than half
/// of it (PairMotion::compensatedPercent): a fast pan differs as much as a cut, but its motion explains it.
double sceneChangePercent(const cv::Mat& a, const cv::Mat& b);

/// Grey 8-bit copy scaled by `scale`; 16-bit data is stretched over [lo, hi] so that faint IR
/// structure is not lost in the top bits.
cv::Mat flowGrey(const cv::Mat& frame, double scale, double lo, double hi);

/// Scale of the flow level for a frame: 1, or 1/k for the smallest whole k that brings it to at most
/// params.maxFlowPixels.
double flowLevelScale(cv::Size frameSize, const InterpolationParams& params);

/// Flow both ways plus forward–backward consistency at the flow level.
PairMotion estimateMotion(const cv::Mat& a, const cv::Mat& b, const InterpolationParams& params);

/**
 * @brief The frame at time t ∈ (0, 1) between a (t = 0) and b (t = 1), motion-compensated.
 *
 * For each output pixel x, the displacement u0 to A solves x = p + t·forward(p) with p = x + u0
 * (a few fixed-point steps), and likewise u1 to B with the backward flow. Both neighbours are
 * sampled there (backward warping, bilinear) and blended with time weights (1 − t, t) times a
 * confidence: a path whose fixed point does not close has no source (the content appears or
 * disappears in that frame), and a sample whose pixel fails the forward–backward check exists in
 * its own frame only, so the other frame's sample is distrusted. Where neither can be trusted the
 * weights fall back to the plain time weights: a brightness blend for what flow cannot explain.
 * Full-resolution work is done in strips of params.stripRows rows, so the working set beyond the
 * output is a few strips plus the flow level. Same depth and channels as the inputs.
 */
cv::Mat warpBlend(const cv::Mat& a, const cv::Mat& b, const PairMotion& motion, double t,
                  const InterpolationParams& params);

/// (1 − t)·a + t·b, rounded, in the inputs' depth.
cv::Mat crossFade(const cv::Mat& a, const cv::Mat& b, double t);

/**
 * @brief The F − 1 in-between frames of one pair by params.method, with the scene-change fallback.
 *
 * Pure: no globals, no Qt. `cancel` is polled between in-between frames.
 * @throws SkyweaveError(BadInput) when a and b differ in size or type; CancelledError.
 */
PairResult interpolatePair(const cv::Mat& a, const cv::Mat& b, const InterpolationParams& params,
                           const CancelToken* cancel = nullptr);

/// Peak bytes one worker needs beyond its inputs and outputs while interpolating one pair of
/// `frameSize` frames of `cvType` (flow level, strip buffers): the per-worker term of the memory plan.
std::uint64_t pairWorkingBytes(cv::Size frameSize, int cvType, const InterpolationParams& params);

}  // namespace skyweave
