#include "encode/FrameConverter.h"

#include <opencv2/core.hpp>

extern "C" {
#include <libavutil/buffer.h>
#include <libavutil/frame.h>
#include <libavutil/imgutils.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

#include "common/Errors.h"
#include "encode/EncodeRules.h"

namespace skyweave::encode {
namespace {

/// Row alignment and tail padding of converted pictures, as av_frame_get_buffer() gives them: the
/// encoders' SIMD reads whole vectors.
constexpr int kAlign = 64;

/// OpenCV keeps colour as BGR in native byte order; these are the matching libav layouts.
AVPixelFormat inputPixelFormat(const FrameFormat& f) {
    if (f.channels == 3) return f.depth == CV_16U ? AV_PIX_FMT_BGR48 : AV_PIX_FMT_BGR24;
    return f.depth == CV_16U ? AV_PIX_FMT_GRAY16 : AV_PIX_FMT_GRAY8;
}

std::string sizeText(int w, int h) {
    return std::to_string(w) + "×" + std::to_string(h);
}

/// Even size for one dimension under the policy; a single row/column can only be padded.
int alignedSize(int size, bool needEven, OddSizePolicy policy) {
    if (!needEven || size % 2 == 0) return size;
    return (policy == OddSizePolicy::Crop && size > 1) ? size - 1 : size + 1;
}

}  // namespace

int pixelFormatFromName(const std::string& name) {
    return av_get_pix_fmt(name.c_str());
}

FrameConverter::FrameConverter(const FrameFormat& input, const std::string& pixFmt, OddSizePolicy oddSize)
    : input_(input), pixFmtName_(pixFmt) {
    if (input.width <= 0 || input.height <= 0 || (input.channels != 1 && input.channels != 3) ||
        (input.depth != CV_8U && input.depth != CV_16U))
        throw SkyweaveError(ErrorKind::BadInput,
                            "frames must be 8- or 16-bit grey or BGR with a positive size (got " +
                                sizeText(input.width, input.height) + ", " + std::to_string(input.channels) +
                                " channel(s))");
    outPixFmt_ = pixelFormatFromName(pixFmt);
    if (outPixFmt_ == AV_PIX_FMT_NONE)
        throw SkyweaveError(ErrorKind::BadInput, "unknown pixel format " + pixFmt);
    const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(outPixFmt_));
    yuv_ = !(desc->flags & AV_PIX_FMT_FLAG_RGB) && desc->nb_components >= 3;

    const ChromaAlignment align = chromaAlignment(pixFmt);
    outWidth_ = alignedSize(input.width, align.evenWidth, oddSize);
    outHeight_ = alignedSize(input.height, align.evenHeight, oddSize);
    if (outWidth_ != input.width || outHeight_ != input.height) {
        const bool padded = outWidth_ > input.width || outHeight_ > input.height;
        sizeNote_ = std::string(padded ? "padded " : "cropped ") + sizeText(input.width, input.height) +
                    " to " + sizeText(outWidth_, outHeight_) + " for " + pixFmt +
                    (padded ? " (last column/row repeated)" : " (last column/row dropped)");
    }
    outputFrameBytes_ = static_cast<std::uint64_t>(
        av_image_get_buffer_size(static_cast<AVPixelFormat>(outPixFmt_), outWidth_, outHeight_, 1));
    const int pictureBytes =
        av_image_get_buffer_size(static_cast<AVPixelFormat>(outPixFmt_), outWidth_, outHeight_, kAlign);
    if (pictureBytes <= 0)
        throw SkyweaveError(ErrorKind::BadInput, "cannot hold a " + sizeText(outWidth_, outHeight_) + " " +
                                                     pixFmt + " frame: " + avErrorText(pictureBytes));
    pool_.reset(av_buffer_pool_init(static_cast<std::size_t>(pictureBytes) + kAlign, nullptr));
    if (!pool_) throw SkyweaveError(ErrorKind::Memory, "out of memory creating the video frame pool");

    // Same size in and out: swscale only converts colour. Bicubic matters only for chroma
    // subsampling and matches what the ffmpeg CLI uses by default.
    sws_.reset(sws_getContext(outWidth_, outHeight_, inputPixelFormat(input), outWidth_, outHeight_,
                              static_cast<AVPixelFormat>(outPixFmt_), SWS_BICUBIC, nullptr, nullptr,
                              nullptr));
    if (!sws_)
        throw SkyweaveError(ErrorKind::Unsupported,
                            "libswscale cannot convert " +
                                std::string(av_get_pix_fmt_name(inputPixelFormat(input))) + " to " + pixFmt);
    if (yuv_) {
        // Full-range RGB in, BT.709 limited-range YUV out, as the stream is tagged.
        const int* bt709 = sws_getCoefficients(SWS_CS_ITU709);
        sws_setColorspaceDetails(sws_.get(), bt709, 1, bt709, 0, 0, 1 << 16, 1 << 16);
    }
}

AvFramePtr FrameConverter::convert(const cv::Mat& frame, long long index) {
    const int expectedType = CV_MAKETYPE(input_.depth, input_.channels);
    if (frame.cols != input_.width || frame.rows != input_.height || frame.type() != expectedType)
        throw SkyweaveError(ErrorKind::BadInput,
                            "frame " + std::to_string(index) + " is " + sizeText(frame.cols, frame.rows) +
                                " " + cv::typeToString(frame.type()) + " but the video was opened for " +
                                sizeText(input_.width, input_.height) + " " + cv::typeToString(expectedType));

    cv::Mat source = frame;
    if (outWidth_ > input_.width || outHeight_ > input_.height) {
        cv::copyMakeBorder(frame, padded_, 0, outHeight_ - input_.height, 0, outWidth_ - input_.width,
                           cv::BORDER_REPLICATE);
        source = padded_;
    }
    // Cropping needs no copy: swscale reads the top-left outWidth_ × outHeight_ through the stride.

    AvFramePtr out(av_frame_alloc());
    if (!out) throw SkyweaveError(ErrorKind::Memory, "out of memory allocating a video frame");
    out->format = outPixFmt_;
    out->width = outWidth_;
    out->height = outHeight_;
    out->buf[0] = av_buffer_pool_get(pool_.get());
    if (!out->buf[0])
        throw SkyweaveError(ErrorKind::Memory,
                            "cannot allocate a " + sizeText(outWidth_, outHeight_) + " " + pixFmtName_ + " frame");
    av_image_fill_arrays(out->data, out->linesize, out->buf[0]->data, static_cast<AVPixelFormat>(outPixFmt_),
                         outWidth_, outHeight_, kAlign);
    const std::uint8_t* srcData[4] = {source.data, nullptr, nullptr, nullptr};
    const int srcStride[4] = {static_cast<int>(source.step[0]), 0, 0, 0};
    sws_scale(sws_.get(), srcData, srcStride, 0, outHeight_, out->data, out->linesize);
    return out;
}

}  // namespace skyweave::encode
