#include "io/ImageHeader.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <system_error>
#include <vector>

#include "common/Errors.h"
#include "common/InputFile.h"

namespace skyweave {

namespace {

// OpenCV's imgcodecs refuses sides above 2^20 (CV_IO_MAX_IMAGE_WIDTH/HEIGHT); refusing them here
// gives the user a message naming the file instead of an empty Mat later.
constexpr std::uint64_t kMaxSidePixels = 1u << 20;
// OpenCV decodes at most 2^30 pixels per image (CV_IO_MAX_IMAGE_PIXELS); a header claiming more is a
// decompression bomb or broken, and is refused here by name before any decoder allocates.
constexpr std::uint64_t kMaxImagePixels = 1u << 30;
// A JPEG with more marker segments than this before its frame header is not a real photograph.
constexpr int kMaxJpegSegments = 4096;

/// Bounds-checked random access to the start of a file; every read names the file on failure.
class HeaderReader {
public:
    explicit HeaderReader(const std::filesystem::path& path) : path_(path) {
        requireRegularFile(path, "an image");  // before opening: opening a FIFO would block
        std::error_code ec;
        size_ = std::filesystem::file_size(path, ec);
        in_.open(path, std::ios::binary);
        if (ec || !in_)
            throw SkyweaveError(ErrorKind::Io, path.string() + ": cannot open for reading (" +
                                                   (ec ? ec.message() : std::string("permission denied")) +
                                                   ")");
    }

    [[nodiscard]] std::uint64_t size() const { return size_; }

    /// Reads `n` bytes at `offset`, or throws "truncated header" when the file is shorter.
    std::vector<unsigned char> read(std::uint64_t offset, std::size_t n) {
        if (offset > size_ || n > size_ - offset) fail("file is truncated (header ends early)");
        std::vector<unsigned char> buf(n);
        in_.seekg(static_cast<std::streamoff>(offset));
        in_.read(reinterpret_cast<char*>(buf.data()), static_cast<std::streamsize>(n));
        if (!in_) throw SkyweaveError(ErrorKind::Io, path_.string() + ": read error");
        return buf;
    }

    [[noreturn]] void fail(const std::string& cause) const {
        throw SkyweaveError(ErrorKind::BadInput, path_.string() + ": " + cause);
    }

private:
    std::filesystem::path path_;
    std::ifstream in_;
    std::uint64_t size_ = 0;
};

std::uint64_t readUint(const unsigned char* p, int bytes, bool bigEndian) {
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) {
        const int shift = bigEndian ? 8 * (bytes - 1 - i) : 8 * i;
        v |= static_cast<std::uint64_t>(p[i]) << shift;
    }
    return v;
}

void checkSides(HeaderReader& r, std::uint64_t w, std::uint64_t h) {
    if (w == 0 || h == 0) r.fail("header states an empty image (" + std::to_string(w) + "×" + std::to_string(h) + ")");
    if (w > kMaxSidePixels || h > kMaxSidePixels)
        r.fail("header states " + std::to_string(w) + "×" + std::to_string(h) +
               " pixels, larger than the 1048576 pixels per side Skyweave accepts");
    if (w * h > kMaxImagePixels)
        r.fail("header states " + std::to_string(w) + "×" + std::to_string(h) + " = " +
               std::to_string(w * h) + " pixels, more than the " + std::to_string(kMaxImagePixels) +
               " Skyweave decodes (a decompression bomb or a broken header); nothing was decoded");
}

ImageHeader probePng(HeaderReader& r) {
    const auto b = r.read(8, 25);  // length, "IHDR", 13 data bytes, CRC
    if (readUint(&b[0], 4, true) != 13 || b[4] != 'I' || b[5] != 'H' || b[6] != 'D' || b[7] != 'R')
        r.fail("PNG does not start with an IHDR chunk");
    ImageHeader h;
    h.format = ImageFormat::Png;
    const auto w = readUint(&b[8], 4, true), hh = readUint(&b[12], 4, true);
    checkSides(r, w, hh);
    h.width = static_cast<int>(w);
    h.height = static_cast<int>(hh);
    const int bits = b[16], colourType = b[17];
    switch (colourType) {
        case 0: h.channels = 1; break;
        case 2: h.channels = 3; break;
        case 3: h.channels = 3; break;  // palette: decoded to colour
        case 4: h.channels = 2; break;
        case 6: h.channels = 4; break;
        default: r.fail("PNG colour type " + std::to_string(colourType) + " is invalid");
    }
    if (bits != 1 && bits != 2 && bits != 4 && bits != 8 && bits != 16)
        r.fail("PNG bit depth " + std::to_string(bits) + " is invalid");
    h.bitsPerChannel = colourType == 3 ? 8 : bits;
    return h;
}

ImageHeader probeJpeg(HeaderReader& r) {
    std::uint64_t pos = 2;  // after SOI
    for (int segment = 0; segment < kMaxJpegSegments; ++segment) {
        auto m = r.read(pos, 2);
        if (m[0] != 0xFF) r.fail("JPEG marker expected at byte " + std::to_string(pos));
        // Fill bytes: any number of 0xFF before the marker code.
        while (m[1] == 0xFF) {
            ++pos;
            m = r.read(pos, 2);
        }
        const int code = m[1];
        pos += 2;
        if (code == 0x01 || (code >= 0xD0 && code <= 0xD8)) continue;  // standalone markers
        if (code == 0xD9 || code == 0xDA) r.fail("JPEG has no frame header before its image data");
        const auto lenBytes = r.read(pos, 2);
        const auto length = readUint(lenBytes.data(), 2, true);
        if (length < 2) r.fail("JPEG segment at byte " + std::to_string(pos) + " has an invalid length");
        const bool isSof = code >= 0xC0 && code <= 0xCF && code != 0xC4 && code != 0xC8 && code != 0xCC;
        if (isSof) {
            if (length < 8) r.fail("JPEG frame header is too short");
            const auto s = r.read(pos + 2, 6);
            ImageHeader h;
            h.format = ImageFormat::Jpeg;
            const auto hh = readUint(&s[1], 2, true), w = readUint(&s[3], 2, true);
            if (hh == 0) r.fail("JPEG defines its height later (DNL marker), which is not supported");
            checkSides(r, w, hh);
            h.width = static_cast<int>(w);
            h.height = static_cast<int>(hh);
            // Sample precision: 8 or 12 for DCT JPEG, 2…16 for lossless; 0 would make a "sane" header
            // of a zero-bit image.
            if (s[0] < 2 || s[0] > 16)
                r.fail("JPEG sample precision " + std::to_string(s[0]) + " is invalid (2–16 bits)");
            h.bitsPerChannel = s[0];
            const int components = s[5];
            if (components != 1 && components != 3 && components != 4)
                r.fail("JPEG with " + std::to_string(components) + " components is not supported");
            h.channels = components == 1 ? 1 : 3;  // CMYK is decoded to colour
            return h;
        }
        pos += length;
    }
    r.fail("JPEG has too many segments before its frame header");
}

ImageHeader probeTiff(HeaderReader& r, bool bigEndian, bool bigTiff) {
    const int offBytes = bigTiff ? 8 : 4;
    const auto hdr = r.read(4, bigTiff ? 12 : 4);
    std::uint64_t ifd = bigTiff ? readUint(&hdr[4], 8, bigEndian) : readUint(&hdr[0], 4, bigEndian);
    const auto countBytes = r.read(ifd, bigTiff ? 8 : 2);
    const std::uint64_t count = readUint(countBytes.data(), bigTiff ? 8 : 2, bigEndian);
    const std::uint64_t entrySize = bigTiff ? 20 : 12;
    const std::uint64_t first = ifd + (bigTiff ? 8 : 2);
    if (count == 0 || count > (r.size() - first) / entrySize) r.fail("TIFF directory is truncated or empty");
    const auto entries = r.read(first, static_cast<std::size_t>(count * entrySize));

    std::uint64_t width = 0, height = 0, samples = 1, bits = 1, photometric = 1;
    for (std::uint64_t i = 0; i < count; ++i) {
        const unsigned char* e = &entries[static_cast<std::size_t>(i * entrySize)];
        const auto tag = readUint(e, 2, bigEndian);
        const auto type = readUint(e + 2, 2, bigEndian);
        const auto n = readUint(e + 4, offBytes, bigEndian);
        const unsigned char* value = e + 4 + offBytes;
        const int typeBytes = type == 3 ? 2 : (type == 4 ? 4 : (type == 16 ? 8 : 0));  // SHORT, LONG, LONG8
        if (typeBytes == 0 || n == 0) continue;
        std::uint64_t v;
        if (static_cast<std::uint64_t>(typeBytes) * n <= static_cast<std::uint64_t>(offBytes)) {
            v = readUint(value, typeBytes, bigEndian);
        } else {
            // First of several values stored elsewhere (BitsPerSample of an RGB image).
            const auto at = readUint(value, offBytes, bigEndian);
            v = readUint(r.read(at, static_cast<std::size_t>(typeBytes)).data(), typeBytes, bigEndian);
        }
        switch (tag) {
            case 256: width = v; break;
            case 257: height = v; break;
            case 258: bits = v; break;
            case 262: photometric = v; break;
            case 277: samples = v; break;
            default: break;
        }
    }
    checkSides(r, width, height);
    if (samples == 0 || samples > 8) r.fail("TIFF with " + std::to_string(samples) + " samples per pixel is not supported");
    if (bits == 0 || bits > 16) r.fail("TIFF with " + std::to_string(bits) + " bits per sample is not supported");
    ImageHeader h;
    h.format = ImageFormat::Tiff;
    h.width = static_cast<int>(width);
    h.height = static_cast<int>(height);
    h.channels = photometric == 3 ? 3 : static_cast<int>(samples);  // palette is decoded to colour
    h.bitsPerChannel = static_cast<int>(bits);
    return h;
}

ImageHeader probeBmp(HeaderReader& r) {
    const auto sizeBytes = r.read(14, 4);
    const auto dibSize = readUint(sizeBytes.data(), 4, false);
    ImageHeader h;
    h.format = ImageFormat::Bmp;
    std::uint64_t w, hh;
    int bpp;
    if (dibSize == 12) {
        const auto d = r.read(18, 8);
        w = readUint(&d[0], 2, false);
        hh = readUint(&d[2], 2, false);
        bpp = static_cast<int>(readUint(&d[6], 2, false));
    } else if (dibSize >= 40 && dibSize <= 1024) {
        const auto d = r.read(18, 12);
        const auto sw = static_cast<std::int32_t>(readUint(&d[0], 4, false));
        const auto sh = static_cast<std::int32_t>(readUint(&d[4], 4, false));
        if (sw <= 0 || sh == 0 || sh == INT32_MIN) r.fail("BMP header states an invalid size");
        w = static_cast<std::uint64_t>(sw);
        hh = static_cast<std::uint64_t>(sh < 0 ? -static_cast<std::int64_t>(sh) : sh);  // negative = top-down rows
        bpp = static_cast<int>(readUint(&d[10], 2, false));
    } else {
        r.fail("BMP information header of " + std::to_string(dibSize) + " bytes is not recognised");
    }
    checkSides(r, w, hh);
    if (bpp != 1 && bpp != 4 && bpp != 8 && bpp != 16 && bpp != 24 && bpp != 32)
        r.fail("BMP with " + std::to_string(bpp) + " bits per pixel is invalid");
    h.width = static_cast<int>(w);
    h.height = static_cast<int>(hh);
    h.channels = bpp == 32 ? 4 : 3;  // palettes and 16-bit RGB are decoded to colour
    h.bitsPerChannel = 8;
    return h;
}

}  // namespace

void checkImageComplete(const std::filesystem::path& path) {
    constexpr std::uint64_t kPngTail = 4096, kJpegTail = 65536;
    HeaderReader r(path);
    if (r.size() < 8) return;  // probeImageHeader() refuses these
    const auto m = r.read(0, 8);
    const bool png = m[0] == 0x89 && m[1] == 'P' && m[2] == 'N' && m[3] == 'G';
    const bool jpeg = m[0] == 0xFF && m[1] == 0xD8 && m[2] == 0xFF;
    if (!png && !jpeg) return;
    const std::uint64_t n = std::min<std::uint64_t>(r.size(), png ? kPngTail : kJpegTail);
    const auto tail = r.read(r.size() - n, static_cast<std::size_t>(n));
    static constexpr std::array<unsigned char, 4> kIend{'I', 'E', 'N', 'D'};
    static constexpr std::array<unsigned char, 2> kEoi{0xFF, 0xD9};
    const bool complete =
        png ? std::search(tail.begin(), tail.end(), kIend.begin(), kIend.end()) != tail.end()
            : std::search(tail.begin(), tail.end(), kEoi.begin(), kEoi.end()) != tail.end();
    if (!complete)
        r.fail(png ? "file is truncated (the PNG ends without its IEND chunk)"
                   : "file is truncated (the JPEG ends without its end-of-image marker)");
}

std::uint64_t ImageHeader::decodedBytes() const {
    const std::uint64_t colour = (channels >= 3) ? 3 : 1;
    const std::uint64_t bytes = bitsPerChannel > 8 ? 2 : 1;
    return static_cast<std::uint64_t>(width) * static_cast<std::uint64_t>(height) * colour * bytes;
}

std::string imageFormatName(ImageFormat format) {
    switch (format) {
        case ImageFormat::Png: return "PNG";
        case ImageFormat::Jpeg: return "JPEG";
        case ImageFormat::Tiff: return "TIFF";
        case ImageFormat::Bmp: return "BMP";
    }
    return "unknown";
}

ImageHeader probeImageHeader(const std::filesystem::path& path) {
    HeaderReader r(path);
    if (r.size() == 0) r.fail("empty file (0 bytes), not an image");
    if (r.size() < 8) r.fail("file is too short to be an image (" + std::to_string(r.size()) + " bytes)");
    const auto m = r.read(0, 8);
    static constexpr std::array<unsigned char, 8> kPng{0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    if (std::equal(kPng.begin(), kPng.end(), m.begin())) return probePng(r);
    if (m[0] == 0xFF && m[1] == 0xD8 && m[2] == 0xFF) return probeJpeg(r);
    if ((m[0] == 'I' && m[1] == 'I') || (m[0] == 'M' && m[1] == 'M')) {
        const bool bigEndian = m[0] == 'M';
        const auto version = readUint(&m[2], 2, bigEndian);
        if (version == 42) return probeTiff(r, bigEndian, false);
        if (version == 43) return probeTiff(r, bigEndian, true);
    }
    if (m[0] == 'B' && m[1] == 'M') return probeBmp(r);
    r.fail("not a PNG, JPEG, TIFF or BMP image");
}

}  // namespace skyweave
