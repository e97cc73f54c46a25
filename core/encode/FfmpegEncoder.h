#pragma once

#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "common/AtomicFile.h"
#include "encode/BoundedQueue.h"
#include "encode/EncodeParams.h"
#include "common/LibavHandles.h"
#include "encode/VideoEncoder.h"

namespace skyweave::encode {

class EncoderSession;
class FrameConverter;

/**
 * @brief VideoEncoder on libavcodec/libavformat/libswscale.
 *
 * Threading: write() converts on the caller's thread and queues the converted frame; one
 * encoder thread sends frames to the codec (which may run threads of its own) and muxes the
 * packets. With EncodeParams::queueFrames = 0 everything runs on the caller's thread.
 * The output exists only as a hidden temporary next to the target until finish() renames it.
 */
class FfmpegEncoder final : public VideoEncoder {
public:
    /// Validates `params` and reserves the output (refuses an existing file unless overwrite).
    explicit FfmpegEncoder(EncodeParams params);
    ~FfmpegEncoder() override;
    FfmpegEncoder(const FfmpegEncoder&) = delete;
    FfmpegEncoder& operator=(const FfmpegEncoder&) = delete;

    void open(const FrameFormat& format) override;
    void write(const cv::Mat& frame) override;
    void finish() override;
    void abort() noexcept override;
    [[nodiscard]] std::string describe() const override;
    [[nodiscard]] EncodeSummary summary() const override;
    void setProgressCallback(std::function<void(const EncodeProgress&)> callback) override;
    [[nodiscard]] int queuedFrames() const override;

private:
    enum class State { Created, Open, Finished, Aborted };

    void encoderLoop();
    void encodeOne(AvFramePtr frame);
    void rethrowEncoderError();
    void stopEncoderThread(bool drain) noexcept;
    void requireState(State wanted, const char* call) const;

    EncodeParams params_;
    std::unique_ptr<AtomicFile> output_;
    std::unique_ptr<FrameConverter> converter_;
    std::unique_ptr<EncoderSession> session_;
    std::unique_ptr<BoundedQueue<AvFramePtr>> queue_;
    std::thread encoderThread_;
    std::mutex errorMutex_;
    std::exception_ptr encoderError_;
    std::function<void(const EncodeProgress&)> progress_;
    std::atomic<long long> framesWritten_{0};
    std::atomic<long long> framesEncoded_{0};
    std::string pixFmt_;
    EncodeSummary summary_;
    State state_ = State::Created;
};

}  // namespace skyweave::encode
