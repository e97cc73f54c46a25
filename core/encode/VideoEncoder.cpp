#include "encode/VideoEncoder.h"

#include <algorithm>
#include <thread>

extern "C" {
#include <libavutil/imgutils.h>
}

#include "common/Errors.h"
#include "encode/EncodeRules.h"
#include "encode/EncoderSession.h"
#include "encode/FfmpegEncoder.h"
#include "encode/FrameConverter.h"

namespace skyweave::encode {
namespace {

/// x264 lookahead (rc-lookahead) per preset, ultrafast … placebo (x264 --fullhelp).
constexpr int kX264Lookahead[] = {0, 0, 10, 20, 30, 40, 50, 60, 60, 60};
/// x265 lookahead per preset (x265 docs, preset table).
constexpr int kX265Lookahead[] = {5, 10, 15, 15, 15, 20, 25, 40, 40, 40};
/// Pictures x26x keep besides lookahead: references, B-frames, one per frame thread (rounded up).
constexpr int kX26xExtraPictures = 12;
/// An encoder's internal picture (padding, half-pel planes, lowres copies) vs the plain picture.
/// Measured at 1080p medium on 2 CPUs (peak RSS minus the process's ~90 MB base): x264 ≈ 430 MB,
/// x265 (pools=2) ≈ 270 MB — both ≈ 2.6 × (lookahead + extra + threads) pictures.
constexpr double kX26xPictureFactor = 2.6;
/// SVT-AV1 buffers a mini-GOP pyramid plus lookahead: ≈ 370 MB at 1080p preset 8 ≈ 120 pictures.
constexpr int kSvtAv1Pictures = 120;
/// ProRes (slice-parallel, intra): ≈ 31 MB at 1080p yuv422p10le ≈ 4 pictures.
constexpr int kProresPictures = 4;
/// FFV1 level 3: ≈ 320 MB at 1080p whatever the pixel format or thread count (the ffmpeg CLI
/// measures the same), i.e. per pixel of the frame rather than per picture.
constexpr std::uint64_t kFfv1BytesPerPixel = 160;

}  // namespace

void validateEncodeParams(const EncodeParams& params) {
    checkEncodeRules(params);
    if (!encoderAvailable(params.codec)) {
        std::vector<std::string> names;
        for (VideoCodec c : availableVideoCodecs()) names.emplace_back(videoCodecName(c));
        throw SkyweaveError(ErrorKind::Unsupported, std::string(videoCodecName(params.codec)) +
                                                        ": this FFmpeg build has no " +
                                                        encoderNameFor(params.codec) +
                                                        " encoder (available: " + joinNames(names) + ")");
    }
    if (!isAutoPixFmt(params.pixFmt)) {
        const std::string pixFmt = canonicalPixFmt(params.pixFmt);
        if (!encoderSupportsPixFmt(params.codec, pixFmt))
            throw SkyweaveError(ErrorKind::Unsupported, std::string(videoCodecName(params.codec)) + ": " +
                                                            encoderNameFor(params.codec) +
                                                            " in this FFmpeg build does not take " + pixFmt);
    }
}

std::unique_ptr<VideoEncoder> createVideoEncoder(const EncodeParams& params) {
    return std::make_unique<FfmpegEncoder>(params);
}

std::vector<VideoCodec> availableVideoCodecs() {
    std::vector<VideoCodec> codecs;
    for (VideoCodec c :
         {VideoCodec::H264, VideoCodec::Hevc, VideoCodec::Ffv1, VideoCodec::ProRes, VideoCodec::Av1})
        if (encoderAvailable(c)) codecs.push_back(c);
    return codecs;
}

EncoderMemoryEstimate estimateEncoderMemory(const EncodeParams& params, const FrameFormat& format) {
    const std::string pixFmt = resolvePixFmt(params, format.channels, format.depth);
    const int avFormat = pixelFormatFromName(pixFmt);
    // Padding adds at most one column and row; count it so the estimate never falls short.
    const int size = av_image_get_buffer_size(static_cast<AVPixelFormat>(avFormat), format.width + 1,
                                              format.height + 1, 1);
    const auto picture = static_cast<std::uint64_t>(std::max(size, 0));

    EncoderMemoryEstimate estimate;
    estimate.queuedFrameBytes = picture;
    // write() converts into one frame while the encoder works on another: one more than the queue.
    estimate.queueFrames = params.queueFrames + 1;
    const int threads = params.threads > 0
                            ? params.threads
                            : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
    // Outside x26x (or before validation) plan with medium's lookahead.
    const int preset = x26xPresetIndex(params.preset) >= 0 ? x26xPresetIndex(params.preset) : 5;
    const std::uint64_t pixels = static_cast<std::uint64_t>(format.width) * format.height;
    switch (params.codec) {
        case VideoCodec::H264:
            estimate.codecBytes = static_cast<std::uint64_t>(
                (kX264Lookahead[preset] + kX26xExtraPictures + threads) * kX26xPictureFactor * picture);
            break;
        case VideoCodec::Hevc:
            estimate.codecBytes = static_cast<std::uint64_t>(
                (kX265Lookahead[preset] + kX26xExtraPictures + threads) * kX26xPictureFactor * picture);
            break;
        case VideoCodec::Av1:
            estimate.codecBytes = kSvtAv1Pictures * picture;
            break;
        case VideoCodec::ProRes:
            estimate.codecBytes = kProresPictures * picture;
            break;
        case VideoCodec::Ffv1:
            estimate.codecBytes = kFfv1BytesPerPixel * pixels;
            break;
    }
    return estimate;
}

}  // namespace skyweave::encode
