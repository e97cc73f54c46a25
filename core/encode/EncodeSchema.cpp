#include "encode/EncodeSchema.h"

#include "encode/EncodeRules.h"

namespace skyweave::encode {
namespace {

using param::advanced;
using param::choice;
using param::numeric;
using param::plain;

const char* const kGroup = "Video";

std::vector<ParamChoice> codecChoices() {
    std::vector<ParamChoice> out;
    for (const auto& name : allVideoCodecNames()) {
        const auto codec = parseVideoCodec(name);
        out.push_back({name, std::string(videoCodecLabel(*codec))});
    }
    return out;
}

}  // namespace

std::vector<ParamSpec> encodeParamSpecs() {
    const EncodeParams defaults;
    auto fps = plain(ParamType::Rate, "fps", "Frame rate", kGroup, "Output frame rate: 30, 29.97, 12.5 or 30000/1001.", "RATE");
    fps.defaultText = "30";
    auto crf = numeric(ParamType::Int, "crf", "CRF", kGroup, "", 0, 63,
                       "Constant quality, lower is better: h264/hevc 0–51, av1 0–63 (default 20).");
    auto preset = plain(ParamType::Text, "preset", "Preset", kGroup,
                        "Speed preset ultrafast…veryslow (av1 also 0–13); for prores the profile: 422, 422hq, 422lt, "
                        "422proxy, 4444, 4444xq.",
                        "P");
    preset.defaultText = defaults.preset;
    for (const auto& name : presetsForCodec(defaults.codec)) preset.choices.push_back({name, name});
    auto pixFmt = plain(ParamType::Text, "pix-fmt", "Pixel format", kGroup,
                        "Pixel format: auto, yuv420p, yuv444p, yuv420p10le, gray, gray16le, bgr0, gbrp16le, … as the codec "
                        "allows.",
                        "F");
    pixFmt.defaultText = "auto";
    return {
        choice("codec", "Codec", kGroup, "h264", codecChoices(),
               "Video codec. Containers: .mp4 h264/hevc/av1, .mkv h264/hevc/ffv1/av1, .mov h264/hevc/prores."),
        fps,
        crf,
        preset,
        advanced(numeric(ParamType::Int, "bitrate", "Bitrate", kGroup, "", 1, 1e6,
                         "Average bitrate in kbit/s instead of a CRF (h264, hevc, av1).")),
        advanced(pixFmt),
        advanced(plain(ParamType::Text, "tune", "Tune", kGroup, "x264/x265 tune (film, animation, grain, stillimage, psnr, ssim, …).",
                       "T")),
        advanced(numeric(ParamType::Int, "keyint", "Keyframe interval", kGroup, "", 1, 100000,
                         "Keyframe interval in frames (default: the codec's).")),
        advanced(numeric(ParamType::Int, "encoder-threads", "Encoder threads", kGroup, "0", 0, 256,
                         "Encoder threads (0 = automatic).")),
        advanced(choice("odd-size", "Odd sizes", kGroup, "pad", {{"pad", "pad (repeat the last row/column)"}, {"crop", "crop"}},
                        "Odd sizes with 4:2:0/4:2:2: pad or crop.")),
    };
}

EncodeParams encodeParamsFromValues(const ParamSchema& schema, const ParamValues& values, std::string outputPath) {
    EncodeParams p;
    p.outputPath = std::move(outputPath);
    p.codec = *parseVideoCodec(schema.choice(values, "codec"));
    const auto range = crfRange(p.codec);
    const auto crf = schema.optionalInteger(values, "crf");
    const auto bitrate = schema.optionalInteger(values, "bitrate");
    if (crf && bitrate) throw ParamError("bitrate", "cannot be combined with a CRF: choose one");
    if ((crf || bitrate) && !range)
        throw ParamError(crf ? "crf" : "bitrate", "does not apply to " + std::string(videoCodecName(p.codec)) +
                                                       (p.codec == VideoCodec::Ffv1 ? " (lossless)" : " (choose quality with the preset: 422hq, 4444, …)"));
    if (crf && (*crf < range->min || *crf > range->max))
        throw ParamError("crf", "for " + std::string(videoCodecName(p.codec)) + " must be " + std::to_string(range->min) + "–" +
                                    std::to_string(range->max) + " (got " + std::to_string(*crf) + ")");
    if (crf) p.crf = *crf;
    if (bitrate) p.bitrateKbps = *bitrate, p.crf = -1;
    if (!range) p.crf = -1;
    std::string preset = schema.text(values, "preset");
    for (auto& c : preset) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    p.preset = preset;
    p.pixFmt = schema.text(values, "pix-fmt");
    const std::string fps = schema.text(values, "fps");
    const auto rate = parseFrameRate(fps);
    if (!rate) throw ParamError("fps", "must be a positive rate up to 1000 like 30, 29.97 or 30000/1001 (got '" + fps + "')");
    p.fpsNum = rate->num, p.fpsDen = rate->den;
    std::string tune = schema.text(values, "tune");
    for (auto& c : tune) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    p.tune = tune;
    p.keyframeInterval = schema.optionalInteger(values, "keyint").value_or(0);
    p.threads = schema.integer(values, "encoder-threads");
    p.oddSize = schema.choice(values, "odd-size") == "crop" ? OddSizePolicy::Crop : OddSizePolicy::Pad;
    return p;
}

}  // namespace skyweave::encode
