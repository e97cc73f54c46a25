#pragma once

#include <memory>
#include <string>
#include <vector>

#include "encode/EncodeParams.h"
#include "io/FrameSink.h"

namespace skyweave {

/// What an encode produced, for the summary line and `--json`.
struct EncodeSummary {
    std::string outputPath;
    long long frames = 0;
    double durationSeconds = 0.0;
    long long bytes = 0;
    double bitrateKbps = 0.0;
    std::string note;  ///< e.g. "padded 641×481 to 642×482 for yuv420p"
};

/**
 * @brief A FrameSink that encodes to a video file.
 *
 * Frames are written in order as BGR or grey, 8- or 16-bit cv::Mat; the encoder converts
 * colour, pads odd sizes where the pixel format needs it, and writes through an AtomicFile.
 */
class VideoEncoder : public FrameSink {
public:
    [[nodiscard]] virtual EncodeSummary summary() const = 0;
};

/// Refuses unsupported codec/container/pixel-format combinations up front with a message listing what is allowed.
/// @throws SkyweaveError(Unsupported or BadInput)
void validateEncodeParams(const EncodeParams& params);

/// The libav*-backed encoder for `params` (validated first).
std::unique_ptr<VideoEncoder> createVideoEncoder(const EncodeParams& params);

}  // namespace skyweave
