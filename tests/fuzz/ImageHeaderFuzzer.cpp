// libFuzzer target: the pre-decode header check of PNG, JPEG, TIFF and BMP files — the code that
// must refuse a decompression bomb before any pixel is allocated — and, for PNGs that pass it, the
// libavcodec PNG path checked against OpenCV: whatever it decodes, OpenCV must decode to the same
// pixels (it may decline anything, never accept what libpng refuses).
#include <cstddef>
#include <cstdint>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "FuzzInputFile.h"
#include "common/Errors.h"
#include "io/ImageHeader.h"
#include "io/PngDecoder.h"

namespace {

/// Keeps each run fast: decoding is checked on pictures of up to a megapixel.
constexpr std::uint64_t kMaxDecodedPixels = 1u << 20;

void checkPngDecoder(const std::filesystem::path& path, const skyweave::ImageHeader& header) {
    if (header.format != skyweave::ImageFormat::Png ||
        static_cast<std::uint64_t>(header.width) * static_cast<std::uint64_t>(header.height) > kMaxDecodedPixels)
        return;
    const auto fast = skyweave::decodePng(path);
    if (!fast) return;
    cv::Mat reference = cv::imread(path.string(), cv::IMREAD_UNCHANGED);
    if (reference.empty()) __builtin_trap();  // accepted a file libpng refuses
    if (reference.channels() == 4) cv::cvtColor(reference, reference, cv::COLOR_BGRA2BGR);
    cv::Mat ours = *fast;
    if (ours.channels() == 1 && reference.channels() == 3) cv::cvtColor(ours, ours, cv::COLOR_GRAY2BGR);
    if (ours.size() != reference.size() || ours.type() != reference.type() ||
        cv::norm(ours, reference, cv::NORM_INF) != 0)
        __builtin_trap();  // different pixels from OpenCV's
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static skyweave::fuzz::FuzzInputFile file(".img");
    try {
        const auto path = file.write(data, size);
        const auto header = skyweave::probeImageHeader(path);
        // A header that passes must describe a sane image.
        if (header.width <= 0 || header.height <= 0 || header.channels <= 0 || header.bitsPerChannel <= 0) __builtin_trap();
        (void)header.decodedBytes();
        (void)skyweave::imageFormatName(header.format);
        checkPngDecoder(path, header);
    } catch (const skyweave::SkyweaveError&) {
        // The documented outcome for a bad image.
    }
    return 0;
}
