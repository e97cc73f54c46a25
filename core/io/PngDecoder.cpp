#include "io/PngDecoder.h"

#include <array>
#include <bit>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <cstdarg>
#include <memory>
#include <mutex>

#include <opencv2/imgproc.hpp>
#include <zlib.h>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/frame.h>
#include <libavutil/log.h>
}

#include "common/LibavHandles.h"

namespace skyweave {
namespace {

constexpr std::array<unsigned char, 8> kSignature{0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

struct FileCloser {
    void operator()(std::FILE* file) const noexcept { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

std::uint32_t be32(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

bool chunkIs(const unsigned char* type, const char* name) {
    return std::memcmp(type, name, 4) == 0;
}

/// What the chunk walk learned; `ok` only when the file is one this decoder takes.
struct PngLayout {
    bool ok = false;
    int width = 0;
    int height = 0;
    int bitDepth = 0;
    int colourType = 0;
};

/// Walks every chunk up to IEND and checks each CRC. libavcodec skips CRCs unless asked, and asking
/// costs more than zlib's crc32 here; libpng refuses a bad CRC in a critical chunk, so any mismatch
/// sends the file to it.
PngLayout inspect(const unsigned char* data, std::size_t size) {
    PngLayout layout;
    std::size_t pos = kSignature.size();
    bool sawHeader = false;
    while (size - pos >= 12) {
        const std::uint32_t length = be32(data + pos);
        if (length > size - pos - 12) return {};
        const unsigned char* type = data + pos + 4;
        const auto crc = static_cast<std::uint32_t>(crc32(0, type, length + 4));
        if (crc != be32(type + 4 + length)) return {};
        if (!sawHeader) {
            if (!chunkIs(type, "IHDR") || length != 13) return {};
            const unsigned char* h = type + 4;
            if (be32(h) - 1u >= INT32_MAX || be32(h + 4) - 1u >= INT32_MAX) return {};  // 1 … 2^31 - 1
            layout.width = static_cast<int>(be32(h));
            layout.height = static_cast<int>(be32(h + 4));
            layout.bitDepth = h[8];
            layout.colourType = h[9];
            if (h[12] != 0) return {};  // Adam7 interlacing is rare in frame sequences: left to libpng
            sawHeader = true;
        } else if (chunkIs(type, "IEND")) {
            layout.ok = (layout.bitDepth == 8 || layout.bitDepth == 16) &&
                        (layout.colourType == 0 || layout.colourType == 2 || layout.colourType == 4 ||
                         layout.colourType == 6);
            return layout;
        } else if (chunkIs(type, "PLTE") || chunkIs(type, "tRNS") || chunkIs(type, "acTL")) {
            return {};  // palettes, transparency keys and animations are left to libpng
        }
        pos += 12 + std::size_t{length};
    }
    return {};
}

/// Samples per pixel as stored: grey, (unused), RGB, (unused), grey + alpha, (unused), RGBA.
int storedChannels(const PngLayout& layout) {
    switch (layout.colourType) {
        case 0: return 1;
        case 2: return 3;
        case 4: return 2;
        default: return 4;
    }
}

/// The libavcodec layout each (colour type, bit depth) decodes to; anything else is not trusted.
AVPixelFormat expectedFormat(const PngLayout& layout) {
    const bool deep = layout.bitDepth == 16;
    switch (layout.colourType) {
        case 0: return deep ? AV_PIX_FMT_GRAY16BE : AV_PIX_FMT_GRAY8;
        case 2: return deep ? AV_PIX_FMT_RGB48BE : AV_PIX_FMT_RGB24;
        case 4: return deep ? AV_PIX_FMT_YA16BE : AV_PIX_FMT_YA8;
        case 6: return deep ? AV_PIX_FMT_RGBA64BE : AV_PIX_FMT_RGBA;
        default: return AV_PIX_FMT_NONE;
    }
}

/// PNG stores 16-bit samples big-endian; OpenCV's Mats hold them in the machine's order.
void toNativeOrder(cv::Mat& mat) {
    if constexpr (std::endian::native == std::endian::big) return;
    for (int y = 0; y < mat.rows; ++y) {
        auto* row = mat.ptr<std::uint16_t>(y);
        const std::size_t n = static_cast<std::size_t>(mat.cols) * static_cast<std::size_t>(mat.channels());
        for (std::size_t i = 0; i < n; ++i) row[i] = static_cast<std::uint16_t>((row[i] >> 8) | (row[i] << 8));
    }
}

/// Bytes past the last row that the decoder's SIMD unfiltering may touch (one vector store).
constexpr std::size_t kTailPadding = 64;

/// Where libavcodec writes the picture: straight into a cv::Mat, so the pixels need no copy and the
/// decoder keeps no pool of its own. Rows are packed (a continuous Mat); a few spare rows after the
/// last one absorb the vector stores that reach past a row's end.
struct DecodeTarget {
    int cvType = 0;
    cv::Mat storage;  ///< rows of the picture, then the spare rows
    int calls = 0;
    bool complained = false;  ///< the decoder logged a warning or an error about this picture
};

int getBuffer(AVCodecContext* context, AVFrame* frame, int /*flags*/) {
    auto* target = static_cast<DecodeTarget*>(context->opaque);
    // One picture per context: a second request would leave the first buffer's reference dangling.
    if (++target->calls != 1 || frame->width <= 0 || frame->height <= 0) return AVERROR(EINVAL);
    const std::size_t rowBytes = static_cast<std::size_t>(frame->width) * CV_ELEM_SIZE(target->cvType);
    const int spareRows = static_cast<int>((kTailPadding + rowBytes - 1) / rowBytes);
    target->storage.create(frame->height + spareRows, frame->width, target->cvType);
    // The Mat owns the memory and outlives the decoder; the AVBufferRef only lends it.
    frame->buf[0] = av_buffer_create(target->storage.data, target->storage.total() * target->storage.elemSize(),
                                     [](void*, std::uint8_t*) {}, nullptr, 0);
    if (!frame->buf[0]) return AVERROR(ENOMEM);
    frame->data[0] = target->storage.data;
    frame->linesize[0] = static_cast<int>(rowBytes);
    frame->extended_data = frame->data;
    return 0;
}

/// libavcodec returns a picture whose IDAT data ends early ("IEND without all image") with only a
/// warning, even with AV_EF_EXPLODE; libpng refuses it. Every warning or error this decoder logs is
/// therefore taken as "not sure" and the file goes to libpng. Messages about other libav objects pass
/// on to the default logger untouched.
void logHook(void* object, int level, const char* format, std::va_list args) {
    if (object) {
        const AVClass* cls = *static_cast<const AVClass* const*>(object);
        if (cls && std::strcmp(cls->class_name, "AVCodecContext") == 0) {
            const auto* context = static_cast<const AVCodecContext*>(object);
            if (context->get_buffer2 == getBuffer) {
                if (level <= AV_LOG_WARNING) static_cast<DecodeTarget*>(context->opaque)->complained = true;
                return;  // the caller decides what the user sees
            }
        }
    }
    av_log_default_callback(object, level, format, args);
}

/// The decoded picture → what OpenCV would have returned, alpha dropped; converted in place where
/// the layout allows it.
cv::Mat toMat(const DecodeTarget& target, int height, const PngLayout& layout) {
    cv::Mat picture = target.storage.rowRange(0, height);
    cv::Mat out;
    switch (picture.channels()) {
        case 1: out = picture; break;
        case 2: cv::extractChannel(picture, out, 0); break;
        case 3: cv::cvtColor(picture, picture, cv::COLOR_RGB2BGR); out = picture; break;  // a pixel-wise swap
        default: cv::cvtColor(picture, out, cv::COLOR_RGBA2BGR); break;
    }
    if (layout.bitDepth == 16) toNativeOrder(out);
    return out;
}

}  // namespace

std::optional<cv::Mat> decodePng(const std::filesystem::path& path) {
    FilePtr file(std::fopen(path.c_str(), "rb"));
    if (!file) return std::nullopt;  // OpenCV's attempt then reports it
    std::array<unsigned char, kSignature.size()> signature{};
    if (std::fread(signature.data(), 1, signature.size(), file.get()) != signature.size() || signature != kSignature)
        return std::nullopt;
    std::error_code ec;
    const auto fileSize = std::filesystem::file_size(path, ec);
    if (ec || fileSize > static_cast<std::uintmax_t>(INT32_MAX - AV_INPUT_BUFFER_PADDING_SIZE))
        return std::nullopt;

    // The packet holds the whole file: libavcodec's PNG decoder takes one buffer per picture.
    AvPacketPtr packet(av_packet_alloc());
    if (!packet || av_new_packet(packet.get(), static_cast<int>(fileSize)) < 0) return std::nullopt;
    std::memcpy(packet->data, signature.data(), signature.size());
    const std::size_t rest = fileSize - signature.size();
    if (std::fread(packet->data + signature.size(), 1, rest, file.get()) != rest)
        return std::nullopt;  // shrank while being read: OpenCV's attempt reports it
    file.reset();

    const PngLayout layout = inspect(packet->data, static_cast<std::size_t>(fileSize));
    if (!layout.ok) return std::nullopt;
    // A file bigger than its raw pixels is unusual; libpng streams it instead of holding it twice.
    const std::uint64_t rawBytes = static_cast<std::uint64_t>(layout.width) * static_cast<std::uint64_t>(layout.height) *
                                   static_cast<std::uint64_t>(layout.bitDepth / 8 * storedChannels(layout));
    if (fileSize > rawBytes + 65536u) return std::nullopt;

    static std::once_flag hookInstalled;
    std::call_once(hookInstalled, [] { av_log_set_callback(logHook); });
    const AVCodec* codec = avcodec_find_decoder(AV_CODEC_ID_PNG);
    if (!codec) return std::nullopt;
    // A fresh context per picture: nothing stays allocated between frames, and no state can leak
    // from one file into the next.
    DecodeTarget target;  // declared first: it outlives the decoder that writes into it
    target.cvType = CV_MAKETYPE(layout.bitDepth == 16 ? CV_16U : CV_8U, storedChannels(layout));
    CodecContextPtr context(avcodec_alloc_context3(codec));
    if (!context) return std::nullopt;
    context->opaque = &target;
    context->get_buffer2 = getBuffer;
    context->thread_count = 1;  // the caller already decodes frames in parallel
    context->thread_type = 0;
    context->err_recognition = AV_EF_EXPLODE;  // damaged data is an error, never a partial picture
    if (avcodec_open2(context.get(), codec, nullptr) < 0) return std::nullopt;
    // Without the key flag the decoder treats the picture as a delta on the previous one.
    packet->flags |= AV_PKT_FLAG_KEY;
    AvFramePtr frame(av_frame_alloc());
    if (!frame || avcodec_send_packet(context.get(), packet.get()) < 0 ||
        avcodec_receive_frame(context.get(), frame.get()) < 0)
        return std::nullopt;
    packet.reset();  // the compressed copy is not needed while converting
    if (frame->format != expectedFormat(layout) || frame->width != layout.width ||
        frame->height != layout.height || frame->data[0] != target.storage.data || target.complained)
        return std::nullopt;
    const int height = frame->height;
    frame.reset();
    context.reset();
    return toMat(target, height, layout);
}

}  // namespace skyweave
