#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace skyweave {

/// Container format recognised from a file's magic bytes (never from its extension).
enum class ImageFormat { Png, Jpeg, Tiff, Bmp };

/// Geometry of an image as its header states it, before any pixel is decoded.
struct ImageHeader {
    ImageFormat format = ImageFormat::Png;
    int width = 0;
    int height = 0;
    int channels = 0;         ///< samples per pixel as stored (1 grey, 2 grey+alpha, 3 colour, 4 colour+alpha)
    int bitsPerChannel = 8;   ///< 1–16 as stored (palette PNG/BMP report 8 bits, 3 channels)

    /// Bytes of the decoded image as Skyweave holds it: alpha dropped, 8 or 16 bits per channel.
    [[nodiscard]] std::uint64_t decodedBytes() const;
};

/// "PNG", "JPEG", "TIFF", "BMP".
std::string imageFormatName(ImageFormat format);

/**
 * @brief Reads width, height, channels and bit depth from a PNG, JPEG, TIFF or BMP header.
 *
 * Reads at most a few kilobytes (JPEG: walks the markers up to the first SOFn; TIFF: the first IFD
 * only), so an image's memory cost is known before it is decoded. Every offset and length read from
 * the file is checked against the file's size, so a truncated or hostile header is an error, never
 * an out-of-bounds read or an endless loop. A header claiming more than 2^30 pixels (what OpenCV
 * decodes at most) is refused as a decompression bomb; FIFOs and devices are refused unopened.
 * @throws SkyweaveError(BadInput) naming the file and the cause; SkyweaveError(Io) when unreadable.
 */
ImageHeader probeImageHeader(const std::filesystem::path& path);

/**
 * @brief Refuses a PNG or JPEG whose file visibly ends early, before it is decoded.
 *
 * A PNG must hold its IEND chunk in its last 4 KiB, a JPEG its end-of-image marker in its last
 * 64 KiB: libjpeg fills missing rows with grey and only warns, so a cut JPEG would otherwise pass
 * as a frame. Reads only the file's tail; other formats are left to their decoders.
 * @throws SkyweaveError(BadInput) "file is truncated (…)" naming the file.
 */
void checkImageComplete(const std::filesystem::path& path);

}  // namespace skyweave
