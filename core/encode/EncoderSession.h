#pragma once

#include <cstdint>
#include <string>

#include "common/Errors.h"
#include "encode/EncodeParams.h"
#include "common/LibavHandles.h"

namespace skyweave::encode {

/// The picture an EncoderSession encodes: size, libav pixel format and its name, YUV or not.
struct EncodedPicture {
    int width = 0;
    int height = 0;
    int pixelFormat = -1;  ///< AVPixelFormat
    std::string pixFmtName;
    bool yuv = false;
};

/**
 * @brief One libavcodec encoder feeding one libavformat muxer that writes a file.
 *
 * Owns the codec and muxer contexts (RAII) and turns every libav status into a SkyweaveError
 * naming the output and the cause. Frames carry pts = frame index in a 1/fps time base, packets
 * get a one-frame duration, so the file holds exactly the frames and rate asked for.
 * Used from one thread at a time (the encoder thread, or the caller when there is none).
 */
class EncoderSession {
public:
    /// Opens the codec, creates `filePath` and writes the container header.
    /// @param displayPath the name used in messages (the final output, not the temporary).
    EncoderSession(const EncodeParams& params, const EncodedPicture& picture, const std::string& filePath,
                   const std::string& displayPath);
    ~EncoderSession();
    EncoderSession(const EncoderSession&) = delete;
    EncoderSession& operator=(const EncoderSession&) = delete;

    /// Encodes one frame (its pts must be the frame index) and writes the packets that come out.
    void encode(AVFrame* frame);
    /// Drains the encoder, writes the trailer (MP4: moves the index to the front) and closes the file.
    void finish();

    [[nodiscard]] long long framesSent() const { return framesSent_; }
    [[nodiscard]] long long packetsWritten() const { return packetsWritten_; }
    /// Bytes written to the file so far.
    [[nodiscard]] std::int64_t bytesWritten() const;
    /// libavcodec's encoder name ("libx264", "prores_ks", …).
    [[nodiscard]] const std::string& encoderName() const { return encoderName_; }

private:
    void sendAndDrain(AVFrame* frame);
    /// Throws SkyweaveError naming the output; ENOMEM always becomes ErrorKind::Memory.
    [[noreturn]] void fail(const std::string& what, int errorCode, ErrorKind kind = ErrorKind::Io) const;

    EncodeParams params_;
    std::string displayPath_;
    std::string encoderName_;
    OutputFormatPtr format_;
    CodecContextPtr codec_;
    AvPacketPtr packet_;
    AVStream* stream_ = nullptr;  // owned by format_
    long long framesSent_ = 0;
    long long packetsWritten_ = 0;
    bool finished_ = false;
};

/// libavcodec encoder name for a codec ("libx264", "libx265", "ffv1", "prores_ks", "libsvtav1").
const char* encoderNameFor(VideoCodec codec);
/// Whether this FFmpeg build has the encoder for `codec`.
bool encoderAvailable(VideoCodec codec);
/// Whether the encoder accepts the named pixel format (per libavcodec's own list).
bool encoderSupportsPixFmt(VideoCodec codec, const std::string& pixFmt);

}  // namespace skyweave::encode
