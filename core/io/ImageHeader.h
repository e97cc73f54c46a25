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
 * an out-of-bounds read or an endless loop.
 * @throws SkyweaveError(BadInput) naming the file and the cause; SkyweaveError(Io) when unreadable.
 */
ImageHeader probeImageHeader(const std::filesystem::path& path);

}  // namespace skyweave
