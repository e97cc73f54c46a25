#pragma once

#include <string>

namespace skyweave::encode {

/// Video codecs Skyweave can write (availability depends on the FFmpeg build; see VideoEncoder).
enum class VideoCodec { H264, Hevc, Ffv1, ProRes, Av1 };

/// What to do when the pixel format needs even sizes (4:2:0, 4:2:2) and the frames are odd.
enum class OddSizePolicy {
    Pad,   ///< add one replicated column/row: nothing of the picture is lost (default)
    Crop,  ///< drop the last column/row, as `scale=trunc(iw/2)*2:trunc(ih/2)*2` did in the original
};

/**
 * @brief Everything that decides how a video is encoded; filled by GUI, CLI and tests alike.
 *
 * Defaults are the single source of truth (H.264, CRF 20, preset medium, yuv420p, 30 fps).
 * Which values each codec accepts is in encode/EncodeRules.h; validateEncodeParams() checks them.
 */
struct EncodeParams {
    std::string outputPath;  ///< .mp4 .mkv .mov; container chosen from the extension
    VideoCodec codec = VideoCodec::H264;
    int fpsNum = 30;  ///< frame rate as a rational: fpsNum / fpsDen
    int fpsDen = 1;
    int crf = 20;                   ///< quality; negative = use bitrateKbps instead
    int bitrateKbps = 0;            ///< used when > 0 (and crf < 0)
    std::string preset = "medium";  ///< x264/x265/svt-av1 speed preset; ProRes profile ("422", "4444")
    std::string pixFmt =
        "yuv420p";     ///< yuv420p, yuv444p, yuv420p10le, gray, gray16le, … ("auto": per codec/input)
    std::string tune;  ///< x264/x265 tune, empty for none
    int keyframeInterval = 0;                    ///< GOP length in frames; 0 = codec default
    int threads = 0;                             ///< encoder threads; 0 = automatic
    bool overwrite = false;                      ///< replace an existing output file
    OddSizePolicy oddSize = OddSizePolicy::Pad;  ///< only matters for 4:2:0 / 4:2:2 with odd frame sizes
    /// Converted frames waiting for the encoder thread (back-pressure bound); 0 = encode on the caller's
    /// thread.
    int queueFrames = 3;
};

}  // namespace skyweave::encode
