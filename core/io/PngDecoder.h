#pragma once

#include <filesystem>
#include <optional>

#include <opencv2/core/mat.hpp>

namespace skyweave {

/**
 * @brief Decodes the everyday kinds of PNG — 8- or 16-bit grey or colour, with or without alpha —
 *        with libavcodec's PNG decoder.
 *
 * Why: a PNG frame is mostly zlib and row unfiltering. libavcodec unfilters with SIMD; the libpng
 * that OpenCV links does it a byte at a time, so for 1080p colour frames this decoder spends about a
 * quarter less CPU per frame — the difference between keeping pace with the `ffmpeg` CLI on a PNG
 * folder and falling behind it.
 *
 * The result holds exactly the pixels `cv::imread(path, IMREAD_UNCHANGED)` gives, with alpha
 * dropped: grey as CV_8UC1/CV_16UC1, colour as BGR CV_8UC3/CV_16UC3, 16-bit samples in native byte
 * order. It returns nothing — and the caller decodes with OpenCV, whose verdict on the file stands —
 * for everything else: not a PNG, palette or sub-byte samples, Adam7 interlacing, a tRNS or
 * animation chunk, any chunk whose CRC does not match (damage on disk or in transit), a file larger
 * than its own pixels, or anything libavcodec refuses or decodes to another layout. A damaged file
 * therefore gets the same error message either way. Safe to call from several threads at once:
 * each call has its own decoder, and nothing stays allocated between calls. Never throws for a bad
 * or unreadable file: that is reported by the OpenCV attempt that follows.
 */
std::optional<cv::Mat> decodePng(const std::filesystem::path& path);

}  // namespace skyweave
