#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "encode/EncodeParams.h"

namespace skyweave::encode {

/**
 * @file
 * @brief What each codec and container accepts: the tables behind validateEncodeParams(),
 * the CLI's option help and the GUI's choice lists. Pure data and arithmetic, no libav.
 */

/// Output containers, chosen from the file extension.
enum class Container { Mp4, Matroska, Mov };

/// A frame rate as an exact rational (30000/1001 for 29.97).
struct FrameRate {
    int num = 30;
    int den = 1;
};

/// Inclusive CRF range of a rate-controlled codec.
struct CrfRange {
    int min = 0;
    int max = 51;
};

/// "h264" "hevc" "ffv1" "prores" "av1" — the CLI spelling.
std::string_view videoCodecName(VideoCodec codec);
/// "H.264" "H.265/HEVC" "FFV1" "ProRes" "AV1" — for summaries and the GUI.
std::string_view videoCodecLabel(VideoCodec codec);
/// Accepts the CLI spellings plus "h265"/"x265", "x264", "avc" (case-insensitive).
std::optional<VideoCodec> parseVideoCodec(std::string_view name);
/// All codecs in CLI spelling, for "allowed: …" messages.
std::vector<std::string> allVideoCodecNames();

/// .mp4/.m4v → MP4, .mkv → Matroska, .mov → MOV; nullopt for anything else.
std::optional<Container> containerForPath(std::string_view path);
std::string_view containerLabel(Container container);
/// libavformat's muxer name: "mp4", "matroska", "mov".
std::string_view containerMuxerName(Container container);
std::vector<VideoCodec> codecsForContainer(Container container);

/// Pixel formats Skyweave offers for a codec (a subset of what the encoder takes, all tested).
std::vector<std::string> pixFmtsForCodec(VideoCodec codec);
/// Speed presets (x264/x265 names; AV1 also 0–13) or, for ProRes, the profiles; empty for FFV1.
std::vector<std::string> presetsForCodec(VideoCodec codec);
/// x264/x265 tunes; empty for codecs without tunes.
std::vector<std::string> tunesForCodec(VideoCodec codec);
/// CRF range, or nullopt for codecs without rate control (FFV1 lossless, ProRes by profile).
std::optional<CrfRange> crfRange(VideoCodec codec);

/// "" and "auto" mean: pick per codec and input (see resolvePixFmt).
bool isAutoPixFmt(std::string_view pixFmt);
/// "gray16" → "gray16le", "gray8" → "gray", "yuv420p10" → "yuv420p10le"; other names unchanged.
std::string canonicalPixFmt(std::string_view pixFmt);
/**
 * @brief The pixel format actually encoded for `params` and input frames of `channels` × `depth`.
 *
 * Explicit formats are returned canonical. "auto" gives yuv420p for H.264/HEVC/AV1 (plays
 * everywhere), the bit-exact lossless format for FFV1 (gray, gray16le, bgr0, gbrp16le) and the
 * profile's format for ProRes (yuv422p10le, or yuv444p10le for 4444).
 */
std::string resolvePixFmt(const EncodeParams& params, int channels, int depthCv);
/// libavcodec's prores_ks profile name ("standard", "hq", "4444", …) for params.preset and the pixel format.
std::string resolveProresProfile(const EncodeParams& params, std::string_view pixFmt);
/// Position of an x264/x265 preset name from ultrafast (0) to placebo (9); -1 when not one of them.
int x26xPresetIndex(std::string_view preset);
/// SVT-AV1 preset number 0–13 for params.preset (numbers, or x264 names mapped to similar speeds).
int resolveAv1Preset(std::string_view preset);

/// Whether a pixel format needs even width / height (chroma subsampling 4:2:0, 4:2:2).
struct ChromaAlignment {
    bool evenWidth = false;
    bool evenHeight = false;
};
ChromaAlignment chromaAlignment(std::string_view pixFmt);

/// "30", "29.97" (→ 30000/1001), "23.976", "59.94", "12.5" (→ 25/2), "30000/1001"; nullopt when malformed.
std::optional<FrameRate> parseFrameRate(std::string_view text);

/**
 * @brief Checks `params` against the tables above (no library look-up).
 * @throws SkyweaveError(BadInput) for malformed values, (Unsupported) for combinations that
 *         are not offered; the message lists what is allowed.
 */
void checkEncodeRules(const EncodeParams& params);

/// "a, b, c" for messages.
std::string joinNames(const std::vector<std::string>& names);

}  // namespace skyweave::encode
