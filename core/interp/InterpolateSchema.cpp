#include "interp/InterpolateSchema.h"

#include <cmath>
#include <sstream>

#include "encode/EncodeSchema.h"
#include "memory/MemorySettings.h"

namespace skyweave {
namespace {

using param::advanced;
using param::choice;
using param::numeric;
using param::plain;

std::vector<ParamSpec> frameParams() {
    const InterpolationParams defaults;
    auto output = plain(ParamType::Path, "output", "Video", "Output", "Video file to write (.mp4, .mkv, .mov).", "OUT");
    output.shortName = 'o';
    auto memory = plain(ParamType::Size, "memory-limit", "Memory limit", "Frames, memory and speed",
                        "Memory the run may plan for: GiB number, or 800M / 1.5G (default SKYWEAVE_MAX_MEMORY_MB or 1000 MB).",
                        "SIZE");
    memory.unit = "GiB", memory.minimum = 0.0625, memory.maximum = 1024, memory.decimals = 3;
    auto scale = numeric(ParamType::Number, "scale", "Scale", "Frames, memory and speed", "1", 0.01, 1,
                         "Scale frames by this factor after cropping (area averaging).");
    scale.decimals = 3;
    auto flowMpx = numeric(ParamType::Number, "flow-mpx", "Flow level", "Interpolation",
                           formatNumber(static_cast<double>(defaults.maxFlowPixels) / 1e6), 0, 1000,
                           "Compute flow on a copy of at most M megapixels and upsample it (0 = full resolution).");
    flowMpx.decimals = 3, flowMpx.unit = "Mpx", flowMpx.valueName = "M";
    return {
        output,
        plain(ParamType::Path, "frames-out", "Frames folder", "Output", "Write PNG frames frame_000000.png … into DIR instead of a video.",
              "DIR"),
        plain(ParamType::Flag, "overwrite", "Overwrite", "Output", "Replace an existing output."),
        numeric(ParamType::Int, "factor", "Factor", "Interpolation", std::to_string(defaults.factor), 1,
                InterpolationParams::kMaxFactor, "Output frames per input interval, 1–16 (F−1 new frames per pair)."),
        choice("method", "Method", "Interpolation", "flow",
               {{"flow", "flow (motion-compensated)"}, {"blend", "blend (cross-fade)"}, {"dup", "dup (repeat)"}},
               "How new frames are made."),
        choice("quality", "Quality", "Interpolation", qualityName(defaults.quality),
               {{"fast", "fast"}, {"medium", "medium"}, {"fine", "fine"}}, "Flow quality."),
        advanced(choice("flow", "Flow engine", "Interpolation", "dis",
                        {{"dis", "DIS"}, {"farneback", "Farnebäck"}, {"tvl1", "TV-L1"}}, "Optical-flow engine.")),
        advanced(flowMpx),
        advanced(numeric(ParamType::Number, "scene-threshold", "Scene threshold", "Interpolation", "10", 0, 100,
                         "Cross-fade pairs whose mean difference exceeds T % and is not explained by motion (0 disables).")),
        advanced(choice("order", "Frame order", "Frames, memory and speed", "auto",
                        {{"auto", "auto (timestamps in names, else natural)"}, {"name", "name"}, {"time", "time"}},
                        "Frame order: timestamps in the names if all have one, else natural name order.")),
        plain(ParamType::Text, "crop", "Crop", "Frames, memory and speed", "Crop rectangle in source pixels before anything else.",
              "X,Y,W,H"),
        advanced(scale),
        advanced(numeric(ParamType::Int, "max-image-mb", "Max image size", "Frames, memory and speed", "", 1, 1 << 20,
                         "Refuse images whose decoded size exceeds N MB (read from the header).")),
        memory,
        numeric(ParamType::Int, "threads", "Workers", "Frames, memory and speed", "", 1, 256,
                "Worker threads (default: one per core, fewer if memory is short)."),
    };
}

std::vector<ParamSpec> withVideo(std::vector<ParamSpec> params) {
    for (auto& s : encode::encodeParamSpecs()) params.push_back(std::move(s));
    return params;
}

cv::Rect parseCrop(const std::string& text) {
    std::istringstream in(text);
    int v[4] = {0, 0, 0, 0};
    char sep = 0, rest = 0;
    bool good = static_cast<bool>(in >> v[0]);
    for (int i = 1; good && i < 4; ++i) good = (in >> sep >> v[i]) && sep == ',';
    if (!good || (in >> rest) || v[0] < 0 || v[1] < 0 || v[2] <= 0 || v[3] <= 0)
        throw ParamError("crop", "must be X,Y,W,H with X,Y ≥ 0 and W,H > 0 (got '" + text + "')");
    return {v[0], v[1], v[2], v[3]};
}

void mapInterpolation(const ParamSchema& schema, const ParamValues& values, InterpolationParams& ip) {
    ip.factor = schema.integer(values, "factor");
    ip.method = *parseMethod(schema.choice(values, "method"));
    ip.quality = *parseQuality(schema.choice(values, "quality"));
    ip.algorithm = *parseAlgorithm(schema.choice(values, "flow"));
    // Fine detail on very large frames (a full disk) may want a finer field than the default level.
    const double flowMpx = schema.number(values, "flow-mpx");
    if (flowMpx != 0.0 && flowMpx < 0.005) throw ParamError("flow-mpx", "must be 0 (full resolution) or 0.005–1000");
    ip.maxFlowPixels = static_cast<std::int64_t>(std::llround(flowMpx * 1e6));
    ip.sceneThresholdPercent = schema.number(values, "scene-threshold");
}

}  // namespace

const ParamSchema& interpolateSchema() {
    static const ParamSchema schema("interpolate", withVideo(frameParams()));
    return schema;
}

const ParamSchema& encodeSchema() {
    static const ParamSchema schema("encode", [] {
        std::vector<ParamSpec> kept;
        for (auto& s : withVideo(frameParams()))
            if (s.group != "Interpolation" && s.key != "frames-out") kept.push_back(std::move(s));
        return kept;
    }());
    return schema;
}

InterpolateRequest interpolateRequestFromValues(const ParamSchema& schema, const ParamValues& values,
                                                std::vector<std::filesystem::path> inputs) {
    schema.validate(values);
    InterpolateRequest r;
    r.inputs = std::move(inputs);
    const std::string order = schema.choice(values, "order");
    r.sequence.order = order == "name" ? FrameOrder::Name : order == "time" ? FrameOrder::Timestamp : FrameOrder::Auto;
    if (schema.isSet(values, "crop")) r.sequence.crop = parseCrop(schema.text(values, "crop"));
    r.sequence.scale = schema.number(values, "scale");
    if (!(r.sequence.scale > 0.0)) throw ParamError("scale", "must be in (0, 1]");
    r.sequence.maxImageBytes = static_cast<std::uint64_t>(schema.optionalInteger(values, "max-image-mb").value_or(0)) << 20;
    r.maxWorkers = schema.optionalInteger(values, "threads").value_or(0);
    r.budgetBytes = schema.isSet(values, "memory-limit") ? schema.sizeBytes(values, "memory-limit")
                                                         : MemorySettings::fromEnvironment().budgetBytes();
    if (schema.command() == "encode") r.interpolation.factor = 1;
    else mapInterpolation(schema, values, r.interpolation);
    r.overwrite = schema.flag(values, "overwrite");

    const bool toFrames = schema.command() != "encode" && schema.isSet(values, "frames-out");
    if (schema.isSet(values, "output") == toFrames)
        throw ParamError("output", toFrames ? "cannot be combined with a frames folder: give one of the two"
                                            : "is needed: a video file (.mp4, .mkv, .mov)");
    // The video settings are checked even for PNG frames: a bad value is a mistake either way.
    encode::EncodeParams video = encode::encodeParamsFromValues(schema, values, schema.text(values, "output"));
    if (toFrames) {
        r.framesFolder = schema.text(values, "frames-out");
    } else {
        video.overwrite = r.overwrite;
        r.video = video;
    }
    return r;
}

}  // namespace skyweave
