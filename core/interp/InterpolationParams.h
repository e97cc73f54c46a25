#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace skyweave {

/// How the in-between frames are made.
enum class InterpolationMethod {
    Flow,   ///< motion-compensated: dense optical flow, warping and occlusion-aware blending (default)
    Blend,  ///< cross-fade of the two neighbours
    Dup,    ///< repeat the neighbour nearest in time
};

/// Dense optical-flow engine.
enum class FlowAlgorithm {
    Dis,        ///< OpenCV DISOpticalFlow (fast, the default)
    Farneback,  ///< cv::calcOpticalFlowFarneback
    DualTvl1,   ///< opencv_contrib optflow DualTVL1 (slow, smooth)
};

/// Speed/quality trade-off of the flow engine (DIS preset, pyramid and refinement settings).
enum class FlowQuality { Fast, Medium, Fine };

/**
 * @brief Everything that decides how frames are interpolated; filled by GUI, CLI and tests alike.
 *
 * The defaults are the single source of truth for every front end.
 */
struct InterpolationParams {
    /// Output frames per input interval: F − 1 new frames per pair. 1 passes frames through; at most kMaxFactor.
    int factor = 2;
    InterpolationMethod method = InterpolationMethod::Flow;
    FlowAlgorithm algorithm = FlowAlgorithm::Dis;
    FlowQuality quality = FlowQuality::Medium;
    /// Scene cut: mean absolute difference of the two frames, in percent of full scale, above which the
    /// pair is cross-faded instead of warped (flow across a cut only smears) — unless motion compensation
    /// explains most of it (a fast pan is not a cut). ≤ 0 disables the check.
    double sceneThresholdPercent = 10.0;
    /// Flow is computed on a copy scaled down to at most this many pixels and upsampled for warping, so a
    /// 5424×5424 full disk costs a fraction of its full-resolution flow (720p: a third of its size). Smooth
    /// motion needs no finer field: on 720p camera footage and clouds 0.15–0.6 Mpx all score within 0.1 dB,
    /// while the cost grows with the level. 0 = always full resolution.
    std::int64_t maxFlowPixels = 150'000;
    /// Forward–backward flow disagreement (in flow pixels) at which a sample's blending weight halves.
    double occlusionTolerancePx = 1.0;
    /// Output rows warped per strip: bounds the full-resolution working set of one worker.
    int stripRows = 128;

    static constexpr int kMaxFactor = 16;
    /// Flow needs frames at least this many pixels a side (DIS's patches; below it there is no motion to
    /// measure): smaller frames are refused for flow and interpolate with blend or dup only.
    static constexpr int kMinFlowSidePx = 16;
};

std::string methodName(InterpolationMethod m);    ///< "flow" | "blend" | "dup"
std::string algorithmName(FlowAlgorithm a);       ///< "dis" | "farneback" | "tvl1"
std::string qualityName(FlowQuality q);           ///< "fast" | "medium" | "fine"
std::optional<InterpolationMethod> parseMethod(const std::string& s);
std::optional<FlowAlgorithm> parseAlgorithm(const std::string& s);
std::optional<FlowQuality> parseQuality(const std::string& s);

/// Refuses factor outside 1..16, negative limits and the like. @throws SkyweaveError(BadInput)
void validateInterpolationParams(const InterpolationParams& params);

}  // namespace skyweave
