#include "VideoProbe.h"

#include <gtest/gtest.h>
#include <memory>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

namespace skyweave::test {
namespace {

struct InputCloser {
    void operator()(AVFormatContext* c) const { avformat_close_input(&c); }
};
struct CodecFree {
    void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct FrameFree {
    void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct PacketFree {
    void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct SwsFree {
    void operator()(SwsContext* s) const { sws_freeContext(s); }
};

AVPixelFormat avFormatFor(int cvType) {
    switch (cvType) {
        case CV_8UC3:
            return AV_PIX_FMT_BGR24;
        case CV_16UC3:
            return AV_PIX_FMT_BGR48;
        case CV_8UC1:
            return AV_PIX_FMT_GRAY8;
        case CV_16UC1:
            return AV_PIX_FMT_GRAY16;
        default:
            return AV_PIX_FMT_NONE;
    }
}

}  // namespace

VideoProbe probeVideo(const std::filesystem::path& path, int convertTo) {
    VideoProbe probe;
    AVFormatContext* raw = nullptr;
    if (avformat_open_input(&raw, path.c_str(), nullptr, nullptr) < 0) {
        ADD_FAILURE() << "cannot open " << path;
        return probe;
    }
    std::unique_ptr<AVFormatContext, InputCloser> input(raw);
    if (avformat_find_stream_info(input.get(), nullptr) < 0) ADD_FAILURE() << "no stream info in " << path;
    const int index = av_find_best_stream(input.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (index < 0) {
        ADD_FAILURE() << "no video stream in " << path;
        return probe;
    }
    AVStream* stream = input->streams[index];
    probe.formatName = input->iformat->name;
    probe.codecName = avcodec_get_name(stream->codecpar->codec_id);
    if (const char* profile = avcodec_profile_name(stream->codecpar->codec_id, stream->codecpar->profile))
        probe.profileName = profile;
    probe.width = stream->codecpar->width;
    probe.height = stream->codecpar->height;
    probe.avgFpsNum = stream->avg_frame_rate.num;
    probe.avgFpsDen = stream->avg_frame_rate.den;
    if (stream->codecpar->codec_tag) {
        char tag[AV_FOURCC_MAX_STRING_SIZE] = {};
        av_fourcc_make_string(tag, stream->codecpar->codec_tag);
        probe.codecTag = tag;
    }
    if (stream->duration != AV_NOPTS_VALUE)
        probe.streamDurationSeconds = stream->duration * av_q2d(stream->time_base);
    if (input->duration != AV_NOPTS_VALUE)
        probe.formatDurationSeconds = input->duration / double(AV_TIME_BASE);

    const AVCodec* decoder = avcodec_find_decoder(stream->codecpar->codec_id);
    if (!decoder) {
        ADD_FAILURE() << "no decoder for " << probe.codecName;
        return probe;
    }
    std::unique_ptr<AVCodecContext, CodecFree> codec(avcodec_alloc_context3(decoder));
    avcodec_parameters_to_context(codec.get(), stream->codecpar);
    if (avcodec_open2(codec.get(), decoder, nullptr) < 0) {
        ADD_FAILURE() << "cannot open decoder " << decoder->name;
        return probe;
    }
    std::unique_ptr<AVPacket, PacketFree> packet(av_packet_alloc());
    std::unique_ptr<AVFrame, FrameFree> frame(av_frame_alloc());
    std::unique_ptr<SwsContext, SwsFree> sws;
    int64_t firstPts = AV_NOPTS_VALUE;
    int64_t lastEnd = AV_NOPTS_VALUE;

    auto drain = [&] {
        while (avcodec_receive_frame(codec.get(), frame.get()) == 0) {
            ++probe.decodedFrames;
            probe.pixFmt = av_get_pix_fmt_name(static_cast<AVPixelFormat>(frame->format));
            const int64_t pts = frame->best_effort_timestamp;
            if (pts != AV_NOPTS_VALUE) {
                if (firstPts == AV_NOPTS_VALUE || pts < firstPts) firstPts = pts;
                const int64_t end = pts + frame->pkt_duration;
                if (lastEnd == AV_NOPTS_VALUE || end > lastEnd) lastEnd = end;
            }
            if (convertTo >= 0) {
                sws.reset(sws_getCachedContext(sws.release(), frame->width, frame->height,
                                               static_cast<AVPixelFormat>(frame->format), frame->width,
                                               frame->height, avFormatFor(convertTo), SWS_POINT, nullptr,
                                               nullptr, nullptr));
                cv::Mat out(frame->height, frame->width, convertTo);
                uint8_t* dst[4] = {out.data, nullptr, nullptr, nullptr};
                const int dstStride[4] = {static_cast<int>(out.step[0]), 0, 0, 0};
                sws_scale(sws.get(), frame->data, frame->linesize, 0, frame->height, dst, dstStride);
                probe.frames.push_back(out);
            }
            av_frame_unref(frame.get());
        }
    };
    while (av_read_frame(input.get(), packet.get()) >= 0) {
        if (packet->stream_index == index) avcodec_send_packet(codec.get(), packet.get());
        av_packet_unref(packet.get());
        drain();
    }
    avcodec_send_packet(codec.get(), nullptr);
    drain();
    if (firstPts != AV_NOPTS_VALUE)
        probe.decodedSpanSeconds = (lastEnd - firstPts) * av_q2d(stream->time_base);
    return probe;
}

}  // namespace skyweave::test
