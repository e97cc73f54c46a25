#include "encode/EncodeRules.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <numeric>

#include <opencv2/core/hal/interface.h>

#include "common/Errors.h"

namespace skyweave::encode {
namespace {

/// x264 and x265 share these names, fastest first.
const std::vector<std::string> kX26xPresets = {"ultrafast", "superfast", "veryfast", "faster",   "fast",
                                               "medium",    "slow",      "slower",   "veryslow", "placebo"};
/// SVT-AV1 preset for each x26x name above: similar speed ranking (13 fastest … 0 slowest).
constexpr int kAv1PresetForX26x[] = {13, 12, 11, 10, 9, 8, 6, 4, 2, 0};
/// prores_ks profiles; "422"-style aliases are accepted by resolveProresProfile().
const std::vector<std::string> kProresProfiles = {"proxy", "lt", "standard", "hq", "4444", "4444xq"};

/// Frame rates are kept below this so that pts × den stays far from int64 overflow over long runs.
constexpr int kMaxFpsDen = 1'000'000;
constexpr double kMaxFps = 1000.0;
constexpr int kMaxThreads = 256;
constexpr int kMaxQueueFrames = 64;

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

bool isAutoPreset(std::string_view preset) {
    return preset.empty() || preset == "auto" || preset == "medium";
}

std::string codecPrefix(VideoCodec codec) {
    return std::string(videoCodecName(codec)) + ": ";
}

std::vector<std::string> containerNamesFor(VideoCodec codec) {
    std::vector<std::string> names;
    for (Container c : {Container::Mp4, Container::Matroska, Container::Mov}) {
        const auto codecs = codecsForContainer(c);
        if (std::find(codecs.begin(), codecs.end(), codec) != codecs.end())
            names.push_back(c == Container::Mp4 ? ".mp4" : c == Container::Matroska ? ".mkv" : ".mov");
    }
    return names;
}

}  // namespace

std::string joinNames(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

std::string_view videoCodecName(VideoCodec codec) {
    switch (codec) {
        case VideoCodec::H264:
            return "h264";
        case VideoCodec::Hevc:
            return "hevc";
        case VideoCodec::Ffv1:
            return "ffv1";
        case VideoCodec::ProRes:
            return "prores";
        case VideoCodec::Av1:
            return "av1";
    }
    return "?";
}

std::string_view videoCodecLabel(VideoCodec codec) {
    switch (codec) {
        case VideoCodec::H264:
            return "H.264";
        case VideoCodec::Hevc:
            return "H.265/HEVC";
        case VideoCodec::Ffv1:
            return "FFV1";
        case VideoCodec::ProRes:
            return "ProRes";
        case VideoCodec::Av1:
            return "AV1";
    }
    return "?";
}

std::optional<VideoCodec> parseVideoCodec(std::string_view name) {
    const std::string n = lower(name);
    if (n == "h264" || n == "x264" || n == "avc" || n == "libx264") return VideoCodec::H264;
    if (n == "hevc" || n == "h265" || n == "x265" || n == "libx265") return VideoCodec::Hevc;
    if (n == "ffv1") return VideoCodec::Ffv1;
    if (n == "prores" || n == "prores_ks") return VideoCodec::ProRes;
    if (n == "av1" || n == "svtav1" || n == "libsvtav1") return VideoCodec::Av1;
    return std::nullopt;
}

std::vector<std::string> allVideoCodecNames() {
    return {"h264", "hevc", "ffv1", "prores", "av1"};
}

std::optional<Container> containerForPath(std::string_view path) {
    const auto dot = path.rfind('.');
    const auto slash = path.find_last_of("/\\");
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
        return std::nullopt;
    const std::string ext = lower(path.substr(dot));
    if (ext == ".mp4" || ext == ".m4v") return Container::Mp4;
    if (ext == ".mkv") return Container::Matroska;
    if (ext == ".mov") return Container::Mov;
    return std::nullopt;
}

std::string_view containerLabel(Container container) {
    switch (container) {
        case Container::Mp4:
            return "MP4";
        case Container::Matroska:
            return "Matroska";
        case Container::Mov:
            return "QuickTime MOV";
    }
    return "?";
}

std::string_view containerMuxerName(Container container) {
    switch (container) {
        case Container::Mp4:
            return "mp4";
        case Container::Matroska:
            return "matroska";
        case Container::Mov:
            return "mov";
    }
    return "";
}

std::vector<VideoCodec> codecsForContainer(Container container) {
    switch (container) {
        // FFV1 in MP4 is not playable anywhere (the original app learned this the hard way).
        case Container::Mp4:
            return {VideoCodec::H264, VideoCodec::Hevc, VideoCodec::Av1};
        case Container::Matroska:
            return {VideoCodec::H264, VideoCodec::Hevc, VideoCodec::Ffv1, VideoCodec::Av1};
        case Container::Mov:
            return {VideoCodec::H264, VideoCodec::Hevc, VideoCodec::ProRes};
    }
    return {};
}

std::vector<std::string> pixFmtsForCodec(VideoCodec codec) {
    switch (codec) {
        case VideoCodec::H264:
            return {"yuv420p",     "yuv422p",     "yuv444p", "yuv420p10le",
                    "yuv422p10le", "yuv444p10le", "gray",    "gray10le"};
        case VideoCodec::Hevc:
            return {"yuv420p",     "yuv422p",     "yuv444p", "yuv420p10le", "yuv422p10le", "yuv444p10le",
                    "yuv420p12le", "yuv444p12le", "gray",    "gray10le",    "gray12le"};
        case VideoCodec::Ffv1:
            return {"bgr0",    "gbrp10le", "gbrp16le",    "gray",        "gray16le",
                    "yuv420p", "yuv444p",  "yuv420p10le", "yuv444p10le", "yuv444p16le"};
        case VideoCodec::ProRes:
            return {"yuv422p10le", "yuv444p10le"};
        case VideoCodec::Av1:
            return {"yuv420p", "yuv420p10le"};
    }
    return {};
}

std::vector<std::string> presetsForCodec(VideoCodec codec) {
    switch (codec) {
        case VideoCodec::H264:
        case VideoCodec::Hevc:
            return kX26xPresets;
        case VideoCodec::Av1: {
            auto names = kX26xPresets;
            for (int i = 0; i <= 13; ++i) names.push_back(std::to_string(i));
            return names;
        }
        case VideoCodec::ProRes:
            return kProresProfiles;
        case VideoCodec::Ffv1:
            return {};
    }
    return {};
}

std::vector<std::string> tunesForCodec(VideoCodec codec) {
    switch (codec) {
        case VideoCodec::H264:
            return {"film", "animation", "grain", "stillimage", "psnr", "ssim", "fastdecode", "zerolatency"};
        case VideoCodec::Hevc:
            return {"psnr", "ssim", "grain", "zerolatency", "fastdecode", "animation"};
        default:
            return {};
    }
}

std::optional<CrfRange> crfRange(VideoCodec codec) {
    switch (codec) {
        case VideoCodec::H264:
        case VideoCodec::Hevc:
            return CrfRange{0, 51};
        case VideoCodec::Av1:
            return CrfRange{0, 63};
        default:
            return std::nullopt;
    }
}

bool isAutoPixFmt(std::string_view pixFmt) {
    return pixFmt.empty() || lower(pixFmt) == "auto";
}

std::string canonicalPixFmt(std::string_view pixFmt) {
    std::string p = lower(pixFmt);
    if (p == "gray8" || p == "grey" || p == "grey8") return "gray";
    if (p == "gray16" || p == "grey16") return "gray16le";
    // Deep formats without an endianness suffix mean the native (little-endian) layout.
    const bool deep = p.size() > 2 && (p.ends_with("p10") || p.ends_with("p12") || p.ends_with("p16") ||
                                       p == "gray10" || p == "gray12");
    if (deep) p += "le";
    return p;
}

std::string resolveProresProfile(const EncodeParams& params, std::string_view pixFmt) {
    const std::string p = lower(params.preset);
    if (isAutoPreset(p)) return pixFmt == "yuv444p10le" ? "4444" : "standard";
    if (p == "422" || p == "standard") return "standard";
    if (p == "422hq" || p == "hq") return "hq";
    if (p == "422lt" || p == "lt") return "lt";
    if (p == "422proxy" || p == "proxy") return "proxy";
    if (p == "4444" || p == "4444xq") return p;
    return {};
}

int x26xPresetIndex(std::string_view preset) {
    const auto it = std::find(kX26xPresets.begin(), kX26xPresets.end(), lower(preset));
    return it == kX26xPresets.end() ? -1 : static_cast<int>(it - kX26xPresets.begin());
}

int resolveAv1Preset(std::string_view preset) {
    const std::string p = lower(preset);
    if (p.empty() || p == "auto") return kAv1PresetForX26x[x26xPresetIndex("medium")];
    if (const int index = x26xPresetIndex(p); index >= 0) return kAv1PresetForX26x[index];
    int n = -1;
    const auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), n);
    if (ec == std::errc() && ptr == p.data() + p.size() && n >= 0 && n <= 13) return n;
    return -1;
}

std::string resolvePixFmt(const EncodeParams& params, int channels, int depthCv) {
    if (!isAutoPixFmt(params.pixFmt)) return canonicalPixFmt(params.pixFmt);
    const bool deep = depthCv == CV_16U;
    switch (params.codec) {
        case VideoCodec::Ffv1:
            // The formats that hold 8/16-bit BGR or grey without any conversion loss.
            if (channels == 1) return deep ? "gray16le" : "gray";
            return deep ? "gbrp16le" : "bgr0";
        case VideoCodec::ProRes: {
            const std::string profile = lower(params.preset);
            return profile.starts_with("4444") ? "yuv444p10le" : "yuv422p10le";
        }
        default:
            return "yuv420p";
    }
}

ChromaAlignment chromaAlignment(std::string_view pixFmt) {
    if (pixFmt.find("420") != std::string_view::npos) return {true, true};
    if (pixFmt.find("422") != std::string_view::npos) return {true, false};
    return {};
}

std::optional<FrameRate> parseFrameRate(std::string_view text) {
    // The NTSC family is written rounded but meant as /1001.
    struct Ntsc {
        std::string_view text;
        int num;
    };
    static constexpr Ntsc kNtsc[] = {{"23.976", 24000}, {"23.98", 24000}, {"29.97", 30000},
                                     {"47.952", 48000}, {"59.94", 60000}, {"119.88", 120000}};
    for (const auto& n : kNtsc)
        if (text == n.text) return FrameRate{n.num, 1001};

    auto parseInt = [](std::string_view s, std::int64_t& out) {
        if (s.empty()) return false;
        const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        return ec == std::errc() && ptr == s.data() + s.size();
    };
    std::int64_t num = 0;
    std::int64_t den = 1;
    if (const auto slash = text.find('/'); slash != std::string_view::npos) {
        if (!parseInt(text.substr(0, slash), num) || !parseInt(text.substr(slash + 1), den))
            return std::nullopt;
    } else if (const auto dot = text.find('.'); dot != std::string_view::npos) {
        const auto frac = text.substr(dot + 1);
        if (frac.empty() || frac.size() > 6 || frac.find_first_not_of("0123456789") != std::string_view::npos)
            return std::nullopt;
        std::int64_t whole = 0;
        std::int64_t fracValue = 0;
        if (!(dot == 0 || parseInt(text.substr(0, dot), whole)) || !parseInt(frac, fracValue))
            return std::nullopt;
        for (std::size_t i = 0; i < frac.size(); ++i) den *= 10;
        num = whole * den + fracValue;
    } else if (!parseInt(text, num)) {
        return std::nullopt;
    }
    if (num <= 0 || den <= 0) return std::nullopt;
    const std::int64_t g = std::gcd(num, den);
    num /= g;
    den /= g;
    if (den > kMaxFpsDen || static_cast<double>(num) / static_cast<double>(den) > kMaxFps)
        return std::nullopt;
    return FrameRate{static_cast<int>(num), static_cast<int>(den)};
}

namespace {

/// A known container for the output's extension, holding the codec; a usable frame rate.
void checkOutput(const EncodeParams& p) {
    if (p.outputPath.empty()) throw SkyweaveError(ErrorKind::BadInput, "no output file given");
    const auto container = containerForPath(p.outputPath);
    if (!container)
        throw SkyweaveError(ErrorKind::BadInput,
                            p.outputPath + ": unknown video container; use .mp4, .mkv or .mov");
    const auto codecs = codecsForContainer(*container);
    if (std::find(codecs.begin(), codecs.end(), p.codec) == codecs.end()) {
        std::vector<std::string> names;
        for (VideoCodec c : codecs) names.emplace_back(videoCodecName(c));
        throw SkyweaveError(ErrorKind::Unsupported,
                            p.outputPath + ": " + std::string(videoCodecName(p.codec)) + " cannot go in " +
                                std::string(containerLabel(*container)) + " (allowed there: " +
                                joinNames(names) + "; " + std::string(videoCodecName(p.codec)) +
                                " goes in: " + joinNames(containerNamesFor(p.codec)) + ")");
    }
    if (p.fpsNum <= 0 || p.fpsDen <= 0 || p.fpsDen > kMaxFpsDen ||
        static_cast<double>(p.fpsNum) / p.fpsDen > kMaxFps)
        throw SkyweaveError(ErrorKind::BadInput, "frame rate " + std::to_string(p.fpsNum) + "/" +
                                                     std::to_string(p.fpsDen) +
                                                     " is not usable (positive, at most 1000 fps)");
}

/// CRF or bitrate, as the codec's rate control takes them.
void checkRateControl(const EncodeParams& p, const std::string& prefix) {
    if (const auto range = crfRange(p.codec)) {
        if (p.crf >= 0 && (p.crf < range->min || p.crf > range->max))
            throw SkyweaveError(ErrorKind::BadInput, prefix + "CRF " + std::to_string(p.crf) +
                                                         " is out of range " + std::to_string(range->min) +
                                                         "–" + std::to_string(range->max));
        if (p.crf < 0 && p.bitrateKbps <= 0)
            throw SkyweaveError(ErrorKind::BadInput, prefix + "give a CRF or a bitrate");
    } else if (p.crf < 0 && p.bitrateKbps > 0) {
        throw SkyweaveError(ErrorKind::Unsupported,
                            prefix + "no bitrate control (" +
                                (p.codec == VideoCodec::Ffv1 ? "lossless" : "quality is set by the profile") +
                                "); bitrate applies to h264, hevc, av1");
    }
    if (p.bitrateKbps < 0) throw SkyweaveError(ErrorKind::BadInput, "bitrate must be positive (kbit/s)");
}

/// The pixel format the codec must offer, and the preset (ProRes: the profile, which must agree with
/// the pixel format).
void checkPixFmtAndPreset(const EncodeParams& p, const std::string& prefix) {
    const auto pixFmts = pixFmtsForCodec(p.codec);
    const std::string pixFmt = isAutoPixFmt(p.pixFmt) ? std::string("auto") : canonicalPixFmt(p.pixFmt);
    if (pixFmt != "auto" && !contains(pixFmts, pixFmt))
        throw SkyweaveError(ErrorKind::Unsupported, prefix + "pixel format " + p.pixFmt +
                                                        " is not offered (allowed: auto, " +
                                                        joinNames(pixFmts) + ")");

    switch (p.codec) {
        case VideoCodec::H264:
        case VideoCodec::Hevc:
            if (!contains(kX26xPresets, lower(p.preset)))
                throw SkyweaveError(ErrorKind::BadInput, prefix + "unknown preset " + p.preset +
                                                             " (allowed: " + joinNames(kX26xPresets) + ")");
            break;
        case VideoCodec::Av1:
            if (resolveAv1Preset(p.preset) < 0)
                throw SkyweaveError(ErrorKind::BadInput, prefix + "unknown preset " + p.preset +
                                                             " (allowed: 0–13 or " + joinNames(kX26xPresets) +
                                                             ")");
            break;
        case VideoCodec::ProRes: {
            const std::string profile =
                resolveProresProfile(p, pixFmt == "auto" ? resolvePixFmt(p, 3, CV_8U) : pixFmt);
            if (profile.empty())
                throw SkyweaveError(ErrorKind::BadInput,
                                    prefix + "unknown profile " + p.preset +
                                        " (allowed: 422, 422hq, 422lt, 422proxy, 4444, 4444xq or " +
                                        joinNames(kProresProfiles) + ")");
            const bool profile444 = profile.starts_with("4444");
            if (pixFmt != "auto" && profile444 != (pixFmt == "yuv444p10le"))
                throw SkyweaveError(ErrorKind::Unsupported, prefix + "profile " + profile +
                                                                " needs pixel format " +
                                                                (profile444 ? "yuv444p10le" : "yuv422p10le"));
            break;
        }
        case VideoCodec::Ffv1:
            if (!isAutoPreset(p.preset))
                throw SkyweaveError(ErrorKind::BadInput,
                                    prefix + "has no presets (lossless); leave the preset unset");
            break;
    }
}

/// Tune, keyframe interval, encoder threads and queue.
void checkEncoderOptions(const EncodeParams& p, const std::string& prefix) {
    if (!p.tune.empty()) {
        const auto tunes = tunesForCodec(p.codec);
        if (tunes.empty())
            throw SkyweaveError(ErrorKind::Unsupported,
                                prefix + "has no tune option (tunes exist for h264, hevc)");
        if (!contains(tunes, lower(p.tune)))
            throw SkyweaveError(ErrorKind::BadInput,
                                prefix + "unknown tune " + p.tune + " (allowed: " + joinNames(tunes) + ")");
    }
    if (p.keyframeInterval < 0)
        throw SkyweaveError(ErrorKind::BadInput, "keyframe interval must be 0 (auto) or more");
    if (p.threads < 0 || p.threads > kMaxThreads)
        throw SkyweaveError(ErrorKind::BadInput,
                            "encoder threads must be 0 (auto) to " + std::to_string(kMaxThreads));
    if (p.queueFrames < 0 || p.queueFrames > kMaxQueueFrames)
        throw SkyweaveError(ErrorKind::BadInput,
                            "encoder queue must be 0 to " + std::to_string(kMaxQueueFrames) + " frames");
}

}  // namespace

void checkEncodeRules(const EncodeParams& p) {
    const std::string prefix = codecPrefix(p.codec);
    checkOutput(p);
    checkRateControl(p, prefix);
    checkPixFmtAndPreset(p, prefix);
    checkEncoderOptions(p, prefix);
}

}  // namespace skyweave::encode
