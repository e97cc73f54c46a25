#include "interp/InterpolationParams.h"

#include "common/Errors.h"

namespace skyweave {

std::string methodName(InterpolationMethod m) {
    switch (m) {
        case InterpolationMethod::Flow: return "flow";
        case InterpolationMethod::Blend: return "blend";
        case InterpolationMethod::Dup: return "dup";
    }
    return "?";
}

std::string algorithmName(FlowAlgorithm a) {
    switch (a) {
        case FlowAlgorithm::Dis: return "dis";
        case FlowAlgorithm::Farneback: return "farneback";
        case FlowAlgorithm::DualTvl1: return "tvl1";
    }
    return "?";
}

std::string qualityName(FlowQuality q) {
    switch (q) {
        case FlowQuality::Fast: return "fast";
        case FlowQuality::Medium: return "medium";
        case FlowQuality::Fine: return "fine";
    }
    return "?";
}

std::optional<InterpolationMethod> parseMethod(const std::string& s) {
    for (auto m : {InterpolationMethod::Flow, InterpolationMethod::Blend, InterpolationMethod::Dup})
        if (s == methodName(m)) return m;
    return std::nullopt;
}

std::optional<FlowAlgorithm> parseAlgorithm(const std::string& s) {
    for (auto a : {FlowAlgorithm::Dis, FlowAlgorithm::Farneback, FlowAlgorithm::DualTvl1})
        if (s == algorithmName(a)) return a;
    return std::nullopt;
}

std::optional<FlowQuality> parseQuality(const std::string& s) {
    for (auto q : {FlowQuality::Fast, FlowQuality::Medium, FlowQuality::Fine})
        if (s == qualityName(q)) return q;
    return std::nullopt;
}

void validateInterpolationParams(const InterpolationParams& p) {
    if (p.factor < 1 || p.factor > InterpolationParams::kMaxFactor)
        throw SkyweaveError(ErrorKind::BadInput,
                            "factor " + std::to_string(p.factor) + " is outside 1..16 (output frames per input interval)");
    if (p.maxFlowPixels < 0) throw SkyweaveError(ErrorKind::BadInput, "flow pixel limit must not be negative");
    if (p.maxFlowPixels > 0 && p.maxFlowPixels < 4096)
        throw SkyweaveError(ErrorKind::BadInput, "flow pixel limit below 4096 pixels leaves no motion to measure");
    if (!(p.occlusionTolerancePx > 0.0)) throw SkyweaveError(ErrorKind::BadInput, "occlusion tolerance must be positive");
    if (p.stripRows < 1) throw SkyweaveError(ErrorKind::BadInput, "strip rows must be at least 1");
}

}  // namespace skyweave
