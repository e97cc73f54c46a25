#pragma once

#include <opencv2/core/mat.hpp>
#include <string>

namespace skyweave {

/// Shape of the frames a sink will receive; fixed for one stream.
struct FrameFormat {
    int width = 0;
    int height = 0;
    int channels = 3;  ///< 1 (grey) or 3 (BGR, OpenCV's order)
    int depth = CV_8U; ///< CV_8U or CV_16U
};

/**
 * @brief Where an ordered stream of frames goes: a video encoder or a folder of PNGs.
 *
 * Contract: open() once, write() frames in output order, then finish() to make the output
 * appear atomically under its final name — or abort() to leave no trace of it. A sink that
 * is destroyed without finish() behaves as if abort() was called. Errors are SkyweaveError.
 */
class FrameSink {
public:
    virtual ~FrameSink() = default;
    virtual void open(const FrameFormat& format) = 0;
    virtual void write(const cv::Mat& frame) = 0;
    virtual void finish() = 0;
    virtual void abort() noexcept = 0;
    /// For logs and summaries: "out.mp4 (H.264, yuv420p)", "frames/ (PNG)".
    [[nodiscard]] virtual std::string describe() const = 0;
};

}  // namespace skyweave
