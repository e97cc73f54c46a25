#pragma once

#include <memory>
#include <string>

// libav* structs are C types; only the .cpp files include the libav headers. Declaring the
// tags here keeps the handles type-safe without leaking <libavcodec/avcodec.h> into users.
struct AVFormatContext;
struct AVCodecContext;
struct AVFrame;
struct AVPacket;
struct AVStream;
struct AVBufferPool;
struct SwsContext;

namespace skyweave {

/// Closes the output's AVIOContext (if still open) and frees the muxer context.
struct OutputFormatDeleter {
    void operator()(AVFormatContext* ctx) const noexcept;
};
struct CodecContextDeleter {
    void operator()(AVCodecContext* ctx) const noexcept;
};
struct FrameDeleter {
    void operator()(AVFrame* frame) const noexcept;
};
struct PacketDeleter {
    void operator()(AVPacket* packet) const noexcept;
};
struct BufferPoolDeleter {
    void operator()(AVBufferPool* pool) const noexcept;
};
struct SwsContextDeleter {
    void operator()(SwsContext* ctx) const noexcept;
};

using OutputFormatPtr = std::unique_ptr<AVFormatContext, OutputFormatDeleter>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextDeleter>;
using AvFramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using AvPacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;
using SwsContextPtr = std::unique_ptr<SwsContext, SwsContextDeleter>;
/// Buffers handed out by a pool stay valid after the pool is released; it is freed with the last one.
using BufferPoolPtr = std::unique_ptr<AVBufferPool, BufferPoolDeleter>;

/// libav error code → "Invalid argument (libav error -22)".
std::string avErrorText(int errorCode);

}  // namespace skyweave
