#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "encode/EncodeParams.h"
#include "io/FrameSink.h"

namespace skyweave::encode {

/// What an encode produced, for the summary line and `--json`.
struct EncodeSummary {
    std::string outputPath;
    long long frames = 0;
    double durationSeconds = 0.0;
    long long bytes = 0;
    double bitrateKbps = 0.0;
    std::string note;    ///< e.g. "padded 641×481 to 642×482 for yuv420p"
    std::string codec;   ///< "H.264", "FFV1", …
    std::string pixFmt;  ///< the pixel format actually encoded ("yuv420p", "bgr0", …)
    int width = 0;       ///< encoded size (after padding/cropping)
    int height = 0;
    int fpsNum = 0;
    int fpsDen = 1;
};

/// Progress of an encode, reported from the encoding thread after every frame.
struct EncodeProgress {
    long long framesWritten = 0;  ///< frames accepted by write() so far
    long long framesEncoded = 0;  ///< frames handed to the codec so far
    int framesQueued = 0;         ///< converted frames waiting for the encoder thread
    long long bytesWritten = 0;   ///< bytes in the output file so far
};

/// What an encoder keeps in memory while running, for the memory budget (bytes).
struct EncoderMemoryEstimate {
    std::uint64_t queuedFrameBytes = 0;  ///< one converted frame waiting in the queue
    int queueFrames = 0;           ///< how many can wait (EncodeParams::queueFrames, at least 1 in flight)
    std::uint64_t codecBytes = 0;  ///< the codec's own lookahead/reference pictures (estimate, see README)
    [[nodiscard]] std::uint64_t totalBytes() const { return queuedFrameBytes * queueFrames + codecBytes; }
};

/**
 * @brief A FrameSink that encodes to a video file.
 *
 * Frames are written in order as BGR or grey, 8- or 16-bit cv::Mat; the encoder converts
 * colour, pads odd sizes where the pixel format needs it, and writes through an AtomicFile.
 * write() converts the frame at once (the caller may reuse its buffer afterwards) and blocks
 * while EncodeParams::queueFrames converted frames already wait for the encoder thread.
 */
class VideoEncoder : public FrameSink {
public:
    [[nodiscard]] virtual EncodeSummary summary() const = 0;
    /// Called on the encoding thread after every frame: a place to sample memory or report progress.
    /// Set it before open(); it must be quick and thread-safe.
    virtual void setProgressCallback(std::function<void(const EncodeProgress&)> callback) = 0;
    /// Converted frames waiting for the encoder right now (thread-safe).
    [[nodiscard]] virtual int queuedFrames() const = 0;
};

/// Refuses unsupported codec/container/pixel-format combinations up front with a message listing what is
/// allowed.
/// @throws SkyweaveError(Unsupported or BadInput)
void validateEncodeParams(const EncodeParams& params);

/// The libav*-backed encoder for `params` (validated first).
/// @throws SkyweaveError(Io) at once when the output exists and params.overwrite is false.
std::unique_ptr<VideoEncoder> createVideoEncoder(const EncodeParams& params);

/// Memory an encoder for `params` holds with frames of `format`; count it before starting a pipeline.
EncoderMemoryEstimate estimateEncoderMemory(const EncodeParams& params, const FrameFormat& format);

/// Codecs this FFmpeg build can encode (AV1 needs libsvtav1).
std::vector<VideoCodec> availableVideoCodecs();

}  // namespace skyweave::encode
