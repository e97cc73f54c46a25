#include "common/LibavHandles.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/buffer.h>
#include <libavutil/error.h>
#include <libavutil/frame.h>
#include <libswscale/swscale.h>
}

namespace skyweave {

void OutputFormatDeleter::operator()(AVFormatContext* ctx) const noexcept {
    if (!ctx) return;
    // Output contexts own their AVIOContext only by convention: close it before freeing.
    if (ctx->oformat && !(ctx->oformat->flags & AVFMT_NOFILE)) avio_closep(&ctx->pb);
    avformat_free_context(ctx);
}

void CodecContextDeleter::operator()(AVCodecContext* ctx) const noexcept {
    avcodec_free_context(&ctx);
}

void FrameDeleter::operator()(AVFrame* frame) const noexcept {
    av_frame_free(&frame);
}

void PacketDeleter::operator()(AVPacket* packet) const noexcept {
    av_packet_free(&packet);
}

void BufferPoolDeleter::operator()(AVBufferPool* pool) const noexcept {
    av_buffer_pool_uninit(&pool);
}

void SwsContextDeleter::operator()(SwsContext* ctx) const noexcept {
    sws_freeContext(ctx);
}

std::string avErrorText(int errorCode) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    if (av_strerror(errorCode, text, sizeof text) < 0) return "libav error " + std::to_string(errorCode);
    return std::string(text) + " (libav error " + std::to_string(errorCode) + ")";
}

}  // namespace skyweave
