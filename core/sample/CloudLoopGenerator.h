#pragma once

#include <string>

#include <opencv2/core/mat.hpp>

#include "sample/SampleParams.h"

namespace skyweave::sample {

/**
 * @brief Makes a satellite-like loop: multi-octave cloud texture carried by a smooth, time-varying wind.
 *
 * Clouds (bright, fractal) drift over a fixed darker ground. The wind is a mean eastward drift, a
 * meandering jet and a slowly travelling vortex; each frame is the first frame's cloud field
 * advected semi-Lagrangianly along that wind (a displacement map updated by cv::remap), so
 * consecutive frames differ by real, smooth motion that optical flow can recover — not by noise.
 * Frames come out in order through next(); the same parameters always give the same frames.
 */
class CloudLoopGenerator {
public:
    explicit CloudLoopGenerator(const CloudLoopParams& params);

    /// The next frame, CV_8UC1 of height × width. Frame 0 first.
    cv::Mat next();
    [[nodiscard]] int framesMade() const { return frame_; }

    /// "goes_20250115_032000.png": the file name of frame k, stamped with its observation time.
    [[nodiscard]] static std::string frameName(const CloudLoopParams& params, int frameIndex);
    /// The wind at a pixel and time (in frames), pixels per frame.
    [[nodiscard]] cv::Point2d windAt(double x, double y, double timeFrames) const;

private:
    /// The storm at one instant: centre, size and rotation rate.
    struct Vortex {
        double cx, cy, radius, swirl;
        [[nodiscard]] cv::Point2d velocity(double x, double y) const;
    };
    [[nodiscard]] double jetU(double y, double timeFrames) const;
    [[nodiscard]] double waveV(double x, double timeFrames) const;
    [[nodiscard]] Vortex vortexAt(double timeFrames) const;
    void advect(double timeFrames, double dtFrames);

    CloudLoopParams params_;
    int marginPx_ = 0;
    cv::Mat clouds_;        ///< CV_32F cloud density on a canvas larger than a frame by marginPx_ each side
    cv::Mat ground_;        ///< CV_32F grey level of the ground, frame-sized and static
    cv::Mat displacement_;  ///< CV_32FC2: where (relative to the pixel) the cloud now over each pixel started
    int frame_ = 0;
};

}  // namespace skyweave::sample
