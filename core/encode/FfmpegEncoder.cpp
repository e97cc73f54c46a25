#include "encode/FfmpegEncoder.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

extern "C" {
#include <libavutil/frame.h>
}

#include "common/Errors.h"
#include "encode/EncodeRules.h"
#include "encode/EncoderSession.h"
#include "encode/FrameConverter.h"

namespace skyweave::encode {
namespace {
/// SVT-AV1 refuses smaller pictures ("Forced Max Height must be at least 64").
constexpr int kAv1MinSide = 64;
}  // namespace

FfmpegEncoder::FfmpegEncoder(EncodeParams params) : params_(std::move(params)) {
    validateEncodeParams(params_);
    // The rules accept any case; the encoders' option parsers do not.
    for (std::string* text : {&params_.preset, &params_.tune})
        std::transform(text->begin(), text->end(), text->begin(),
                       [](unsigned char ch) { return std::tolower(ch); });
    // Reserve the name now: an existing output is refused before any frame is computed.
    output_ = std::make_unique<AtomicFile>(params_.outputPath, params_.overwrite);
}

FfmpegEncoder::~FfmpegEncoder() {
    if (state_ != State::Finished) abort();
}

void FfmpegEncoder::requireState(State wanted, const char* call) const {
    if (state_ != wanted)
        throw SkyweaveError(ErrorKind::Internal, params_.outputPath + ": VideoEncoder::" + call +
                                                     " called in the wrong order (open, write…, finish)");
}

void FfmpegEncoder::open(const FrameFormat& format) {
    requireState(State::Created, "open()");
    pixFmt_ = resolvePixFmt(params_, format.channels, format.depth);
    if (!encoderSupportsPixFmt(params_.codec, pixFmt_))
        throw SkyweaveError(ErrorKind::Unsupported, params_.outputPath + ": " +
                                                        encoderNameFor(params_.codec) +
                                                        " in this FFmpeg build does not take " + pixFmt_);
    if (params_.codec == VideoCodec::Av1 && (format.width < kAv1MinSide || format.height < kAv1MinSide))
        throw SkyweaveError(ErrorKind::Unsupported,
                            params_.outputPath + ": SVT-AV1 needs frames of at least " +
                                std::to_string(kAv1MinSide) + "×" + std::to_string(kAv1MinSide) + " (got " +
                                std::to_string(format.width) + "×" + std::to_string(format.height) + ")");
    converter_ = std::make_unique<FrameConverter>(format, pixFmt_, params_.oddSize);
    const EncodedPicture picture{converter_->outputWidth(), converter_->outputHeight(),
                                         converter_->outputPixelFormat(), pixFmt_, converter_->yuvOutput()};
    session_ = std::make_unique<EncoderSession>(params_, picture, output_->tempPath().string(),
                                                        params_.outputPath);
    summary_.outputPath = params_.outputPath;
    summary_.note = converter_->sizeNote();
    summary_.codec = videoCodecLabel(params_.codec);
    summary_.pixFmt = pixFmt_;
    summary_.width = picture.width;
    summary_.height = picture.height;
    summary_.fpsNum = params_.fpsNum;
    summary_.fpsDen = params_.fpsDen;
    state_ = State::Open;
    if (params_.queueFrames > 0) {
        queue_ = std::make_unique<BoundedQueue<AvFramePtr>>(params_.queueFrames);
        encoderThread_ = std::thread([this] { encoderLoop(); });
    }
}

void FfmpegEncoder::write(const cv::Mat& frame) {
    requireState(State::Open, "write()");
    rethrowEncoderError();
    AvFramePtr converted = converter_->convert(frame, framesWritten_.load());
    converted->pts = framesWritten_.load();  // one tick of 1/fps per frame: exact timestamps
    ++framesWritten_;
    if (!queue_) {
        encodeOne(std::move(converted));
        return;
    }
    if (!queue_->push(std::move(converted))) {
        rethrowEncoderError();
        throw CancelledError();
    }
}

void FfmpegEncoder::encodeOne(AvFramePtr frame) {
    session_->encode(frame.get());
    frame.reset();  // give the picture back before reporting, so memory samples see it freed
    ++framesEncoded_;
    if (progress_) {
        progress_(EncodeProgress{framesWritten_.load(), framesEncoded_.load(), queuedFrames(),
                                 static_cast<long long>(session_->bytesWritten())});
    }
}

void FfmpegEncoder::encoderLoop() {
    try {
        while (auto frame = queue_->pop()) encodeOne(std::move(*frame));
    } catch (...) {
        {
            std::lock_guard lock(errorMutex_);
            encoderError_ = std::current_exception();
        }
        queue_->cancel();  // unblocks a producer waiting in write()
    }
}

void FfmpegEncoder::rethrowEncoderError() {
    std::lock_guard lock(errorMutex_);
    if (encoderError_) std::rethrow_exception(encoderError_);
}

void FfmpegEncoder::stopEncoderThread(bool drain) noexcept {
    if (!queue_) return;
    drain ? queue_->close() : queue_->cancel();
    if (encoderThread_.joinable()) encoderThread_.join();
}

void FfmpegEncoder::finish() {
    requireState(State::Open, "finish()");
    try {
        stopEncoderThread(true);
        rethrowEncoderError();
        if (framesEncoded_ == 0)
            throw SkyweaveError(ErrorKind::BadInput,
                                params_.outputPath + ": no frames were given; nothing written");
        session_->finish();
        session_.reset();
        output_->commit();
    } catch (...) {
        abort();
        throw;
    }
    state_ = State::Finished;
    std::error_code ec;
    summary_.frames = framesEncoded_;
    summary_.durationSeconds = static_cast<double>(summary_.frames) * params_.fpsDen / params_.fpsNum;
    const auto size = std::filesystem::file_size(params_.outputPath, ec);
    summary_.bytes = ec ? 0 : static_cast<long long>(size);
    summary_.bitrateKbps = summary_.durationSeconds > 0
                               ? static_cast<double>(summary_.bytes) * 8.0 / summary_.durationSeconds / 1000.0
                               : 0.0;
}

void FfmpegEncoder::abort() noexcept {
    if (state_ == State::Finished || state_ == State::Aborted) return;
    stopEncoderThread(false);
    session_.reset();  // closes the temporary before it is removed
    if (output_) output_->discard();
    state_ = State::Aborted;
}

std::string FfmpegEncoder::describe() const {
    // Before open() only FFV1's automatic format is unknown: it follows the frames' depth and channels.
    std::string fmt = pixFmt_;
    if (fmt.empty())
        fmt = params_.codec == VideoCodec::Ffv1 && isAutoPixFmt(params_.pixFmt)
                  ? "lossless, per input"
                  : resolvePixFmt(params_, 3, CV_8U);
    return params_.outputPath + " (" + std::string(videoCodecLabel(params_.codec)) + ", " + fmt + ")";
}

EncodeSummary FfmpegEncoder::summary() const {
    return summary_;
}

void FfmpegEncoder::setProgressCallback(std::function<void(const EncodeProgress&)> callback) {
    progress_ = std::move(callback);
}

int FfmpegEncoder::queuedFrames() const {
    return queue_ ? static_cast<int>(queue_->size()) : 0;
}

}  // namespace skyweave::encode
