#include "encode/EncoderSession.h"

#include <sched.h>
#include <cerrno>
#include <algorithm>
#include <mutex>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/dict.h>
#include <libavutil/log.h>
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>
}

#include "common/AtomicFile.h"
#include "common/Errors.h"
#include "encode/EncodeRules.h"

namespace skyweave::encode {
namespace {

/// Frees an AVDictionary when the options have been handed over (or on error).
struct DictionaryGuard {
    AVDictionary* dict = nullptr;
    ~DictionaryGuard() { av_dict_free(&dict); }
    void set(const char* key, const std::string& value) { av_dict_set(&dict, key, value.c_str(), 0); }
};

/// CPUs this process may run on (affinity mask / cgroup cpuset), which is what x265 must be told.
int usableCpuCount() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
    return 1;
}

/// x265's own rule for frame threads from the pool size (x265 docs, --frame-threads "auto").
int x265FrameThreads(int poolThreads) {
    if (poolThreads >= 32) return 6;
    if (poolThreads >= 16) return 5;
    if (poolThreads >= 8) return 3;
    if (poolThreads >= 4) return 2;
    return 1;
}

/// A QuickTime timescale in which every frame boundary is a whole tick: the rate's numerator,
/// doubled up to at least 10000 (the resolution libavformat's mov muxer itself aims for).
long long quickTimeTimescale(int fpsNum) {
    long long timescale = fpsNum;
    while (timescale < 10000) timescale *= 2;
    return timescale;
}

/// libx264/libx265 print statistics at INFO level on every close; keep the CLI's stderr for our
/// own progress unless someone has already chosen a level (the default is AV_LOG_INFO).
void quietLibavOnce() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (av_log_get_level() == AV_LOG_INFO) av_log_set_level(AV_LOG_ERROR);
    });
}

/// Rate control, speed and per-codec settings: AVCodecContext fields plus private options for avcodec_open2.
void setCodecOptions(const EncodeParams& params, const EncodedPicture& picture, AVCodecContext* c,
                     DictionaryGuard& options) {
    const bool useCrf = params.crf >= 0;
    switch (params.codec) {
        case VideoCodec::H264:
        case VideoCodec::Hevc:
            options.set("preset", params.preset);
            if (!params.tune.empty()) options.set("tune", params.tune);
            if (useCrf) options.set("crf", std::to_string(params.crf));
            if (params.codec == VideoCodec::Hevc) {
                // x265 sizes its pool from all CPUs of the machine, ignoring affinity: tell it.
                const int pool = params.threads > 0 ? params.threads : usableCpuCount();
                options.set("x265-params", "log-level=error:pools=" + std::to_string(pool) +
                                               ":frame-threads=" + std::to_string(x265FrameThreads(pool)));
            }
            break;
        case VideoCodec::Av1:
            options.set("preset", std::to_string(resolveAv1Preset(params.preset)));
            if (useCrf) options.set("crf", std::to_string(params.crf));
            break;
        case VideoCodec::ProRes:
            options.set("profile", resolveProresProfile(params, picture.pixFmtName));
            options.set("vendor", "apl0");  // what Apple's decoders expect to see
            break;
        case VideoCodec::Ffv1:
            // Version 3: slices (threaded encode/decode) with per-slice CRCs — the archival setting.
            options.set("level", "3");
            options.set("slicecrc", "1");
            if (params.keyframeInterval <= 0) c->gop_size = 1;
            break;
    }
    if (!useCrf && params.bitrateKbps > 0) c->bit_rate = static_cast<int64_t>(params.bitrateKbps) * 1000;
}

}  // namespace

const char* encoderNameFor(VideoCodec codec) {
    switch (codec) {
        case VideoCodec::H264:
            return "libx264";
        case VideoCodec::Hevc:
            return "libx265";
        case VideoCodec::Ffv1:
            return "ffv1";
        case VideoCodec::ProRes:
            return "prores_ks";
        case VideoCodec::Av1:
            return "libsvtav1";
    }
    return "";
}

bool encoderAvailable(VideoCodec codec) {
    return avcodec_find_encoder_by_name(encoderNameFor(codec)) != nullptr;
}

bool encoderSupportsPixFmt(VideoCodec codec, const std::string& pixFmt) {
    const AVCodec* encoder = avcodec_find_encoder_by_name(encoderNameFor(codec));
    const AVPixelFormat wanted = av_get_pix_fmt(pixFmt.c_str());
    if (!encoder || wanted == AV_PIX_FMT_NONE) return false;
    if (!encoder->pix_fmts) return true;  // the encoder does not restrict formats
    for (const AVPixelFormat* p = encoder->pix_fmts; *p != AV_PIX_FMT_NONE; ++p)
        if (*p == wanted) return true;
    return false;
}

EncoderSession::EncoderSession(const EncodeParams& params, const EncodedPicture& picture,
                               const std::string& filePath, const std::string& displayPath)
    : params_(params), displayPath_(displayPath), encoderName_(encoderNameFor(params.codec)) {
    quietLibavOnce();
    const auto container = containerForPath(params.outputPath);
    if (!container) throw SkyweaveError(ErrorKind::BadInput, displayPath_ + ": unknown video container");

    const AVCodec* encoder = avcodec_find_encoder_by_name(encoderName_.c_str());
    if (!encoder)
        throw SkyweaveError(ErrorKind::Unsupported,
                            displayPath_ + ": this FFmpeg build has no " + encoderName_ + " encoder");

    AVFormatContext* rawFormat = nullptr;
    int rc = avformat_alloc_output_context2(
        &rawFormat, nullptr, std::string(containerMuxerName(*container)).c_str(), filePath.c_str());
    format_.reset(rawFormat);
    if (rc < 0 || !format_) fail("cannot set up the container", rc, ErrorKind::Internal);

    codec_.reset(avcodec_alloc_context3(encoder));
    packet_.reset(av_packet_alloc());
    if (!codec_ || !packet_) throw SkyweaveError(ErrorKind::Memory, displayPath_ + ": out of memory");

    AVCodecContext* c = codec_.get();
    c->width = picture.width;
    c->height = picture.height;
    c->pix_fmt = static_cast<AVPixelFormat>(picture.pixelFormat);
    c->time_base = AVRational{params.fpsDen, params.fpsNum};
    c->framerate = AVRational{params.fpsNum, params.fpsDen};
    c->sample_aspect_ratio = AVRational{1, 1};
    c->thread_count = params.threads;  // 0 = let the encoder pick (AVCodecContext's default would be 1)
    if (params.keyframeInterval > 0) c->gop_size = params.keyframeInterval;
    if (picture.yuv) {
        c->colorspace = AVCOL_SPC_BT709;
        c->color_primaries = AVCOL_PRI_BT709;
        c->color_trc = AVCOL_TRC_BT709;
        c->color_range = AVCOL_RANGE_MPEG;
    } else if (picture.pixFmtName.starts_with("gray")) {
        c->color_range = AVCOL_RANGE_JPEG;
    }
    if (format_->oformat->flags & AVFMT_GLOBALHEADER) c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;

    DictionaryGuard codecOptions;
    setCodecOptions(params, picture, c, codecOptions);
    rc = avcodec_open2(c, encoder, &codecOptions.dict);
    if (rc < 0)
        fail("cannot open the " + encoderName_ + " encoder with " + picture.pixFmtName, rc,
             ErrorKind::Unsupported);

    stream_ = avformat_new_stream(format_.get(), nullptr);
    if (!stream_) throw SkyweaveError(ErrorKind::Memory, displayPath_ + ": out of memory");
    rc = avcodec_parameters_from_context(stream_->codecpar, c);
    if (rc < 0) fail("cannot describe the video stream", rc, ErrorKind::Internal);
    stream_->time_base = c->time_base;  // a hint; the muxer may choose a finer one
    stream_->avg_frame_rate = c->framerate;
    stream_->r_frame_rate = c->framerate;
    stream_->sample_aspect_ratio = c->sample_aspect_ratio;
    // Apple players only accept HEVC in MP4/MOV when tagged hvc1 (parameter sets in the sample entry).
    if (params.codec == VideoCodec::Hevc && *container != Container::Matroska)
        stream_->codecpar->codec_tag = MKTAG('h', 'v', 'c', '1');

    rc = avio_open(&format_->pb, filePath.c_str(), AVIO_FLAG_WRITE);
    if (rc < 0) fail("cannot create the file", rc);

    DictionaryGuard muxOptions;
    // Index first so playback can start before the whole file has arrived (web, previews).
    if (*container == Container::Mp4) muxOptions.set("movflags", "+faststart");
    if (*container != Container::Matroska) {
        // The movie header counts in 1/1000 s by default, which rounds the file's duration;
        // one timescale that is a multiple of the frame rate keeps track and movie exact.
        const std::string timescale = std::to_string(quickTimeTimescale(params.fpsNum));
        muxOptions.set("video_track_timescale", timescale);
        muxOptions.set("movie_timescale", timescale);
    }
    rc = avformat_write_header(format_.get(), &muxOptions.dict);
    if (rc < 0) fail("cannot write the container header", rc);
}

EncoderSession::~EncoderSession() = default;

void EncoderSession::encode(AVFrame* frame) {
    sendAndDrain(frame);
    ++framesSent_;
}

void EncoderSession::finish() {
    if (finished_) return;
    sendAndDrain(nullptr);
    const int rc = av_write_trailer(format_.get());
    if (rc < 0) fail("cannot finish the file", rc);
    finished_ = true;
    // Close now so a write error on close is seen before the file is renamed into place.
    if (const int closeRc = avio_closep(&format_->pb); closeRc < 0) fail("cannot close the file", closeRc);
}

void EncoderSession::sendAndDrain(AVFrame* frame) {
    int rc = avcodec_send_frame(codec_.get(), frame);
    if (rc < 0)
        fail(frame ? "the encoder refused a frame" : "cannot flush the encoder", rc, ErrorKind::Internal);
    for (;;) {
        rc = avcodec_receive_packet(codec_.get(), packet_.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return;
        if (rc < 0) fail("encoding failed", rc, ErrorKind::Internal);
        // Each frame lasts exactly one tick of 1/fps, so duration = frames / fps exactly.
        if (packet_->duration <= 0) packet_->duration = 1;
        av_packet_rescale_ts(packet_.get(), codec_->time_base, stream_->time_base);
        packet_->stream_index = stream_->index;
        rc = av_interleaved_write_frame(format_.get(), packet_.get());  // takes the packet's data
        if (rc < 0) fail("cannot write to the file", rc);
        ++packetsWritten_;
    }
}

std::int64_t EncoderSession::bytesWritten() const {
    return (format_ && format_->pb) ? avio_tell(format_->pb) : 0;
}

void EncoderSession::fail(const std::string& what, int errorCode, ErrorKind kind) const {
    if (errorCode == AVERROR(ENOMEM)) kind = ErrorKind::Memory;
    // A full disk or the file-size limit: say so in words (libav's text is a bare strerror).
    const bool full = errorCode == AVERROR(ENOSPC) || errorCode == AVERROR(EFBIG) || errorCode == AVERROR(EDQUOT);
    throw SkyweaveError(kind, displayPath_ + ": " + what + ": " +
                                  (full ? describeWriteError(AVUNERROR(errorCode)) + "; nothing was kept" : avErrorText(errorCode)));
}

}  // namespace skyweave::encode
