#pragma once

#include <cstdint>
#include <string>

#include <opencv2/core/mat.hpp>

#include "encode/EncodeParams.h"
#include "common/LibavHandles.h"
#include "io/FrameSink.h"

namespace skyweave::encode {

/**
 * @brief Turns BGR/grey 8/16-bit cv::Mat frames into AVFrames of the encoded pixel format.
 *
 * Colour goes through libswscale (BT.709 matrix, limited range for YUV; bit-exact repacking for
 * bgr0/gbrp16le/gray/gray16le). Odd sizes that the chroma subsampling cannot hold are padded by
 * replicating the last column/row, or cropped, per OddSizePolicy. Not thread-safe: one caller.
 */
class FrameConverter {
public:
    /// @throws SkyweaveError(BadInput) for an unusable input shape or pixel format.
    FrameConverter(const FrameFormat& input, const std::string& pixFmt, OddSizePolicy oddSize);

    [[nodiscard]] int outputWidth() const { return outWidth_; }
    [[nodiscard]] int outputHeight() const { return outHeight_; }
    /// libav's AVPixelFormat value of the output (an int to keep libav out of this header).
    [[nodiscard]] int outputPixelFormat() const { return outPixFmt_; }
    /// True for YUV outputs (which get BT.709 limited-range tags).
    [[nodiscard]] bool yuvOutput() const { return yuv_; }
    /// "padded 641×481 to 642×482 for yuv420p", or empty when the size is kept.
    [[nodiscard]] const std::string& sizeNote() const { return sizeNote_; }
    /// Bytes of one converted frame (what a queued frame costs).
    [[nodiscard]] std::uint64_t outputFrameBytes() const { return outputFrameBytes_; }

    /// A new frame holding `frame` converted. @throws SkyweaveError(BadInput) when the frame's shape differs.
    AvFramePtr convert(const cv::Mat& frame, long long index);

private:
    FrameFormat input_;
    std::string pixFmtName_;
    int outWidth_ = 0;
    int outHeight_ = 0;
    int outPixFmt_ = -1;
    bool yuv_ = false;
    std::string sizeNote_;
    std::uint64_t outputFrameBytes_ = 0;
    cv::Mat padded_;  ///< reused scratch for the padded copy of odd-sized frames
    SwsContextPtr sws_;
    /// Pictures for convert(): as many as are queued or being encoded at once, reused rather than
    /// allocated (and page-faulted in) anew for every frame.
    BufferPoolPtr pool_;
};

/// libav's AVPixelFormat for a pixel format name, or -1 (AV_PIX_FMT_NONE) when unknown.
int pixelFormatFromName(const std::string& name);

}  // namespace skyweave::encode
