#include "stack/StackSchema.h"

#include <cmath>
#include <sstream>

namespace skyweave {
namespace {

using param::advanced;
using param::choice;
using param::numeric;
using param::plain;

// Sigma factors, counts and absolute bounds share two fields, so their range is the widest of the three;
// what fits each rejection is checked by the mapping below.
constexpr double kBoundLimit = 1e9;

std::vector<ParamSpec> combineParams() {
    auto low = numeric(ParamType::Number, "sigma-low", "Low", "Combine", "3", -kBoundLimit, kBoundLimit,
                       "Low rejection bound: sigma factor (sigma, winsorized), values dropped low (minmax) or lowest kept "
                       "value (range).");
    auto high = numeric(ParamType::Number, "sigma-high", "High", "Combine", "3", -kBoundLimit, kBoundLimit,
                        "High rejection bound: sigma factor (sigma, winsorized), values dropped high (minmax) or highest "
                        "kept value (range).");
    low.decimals = high.decimals = 3;
    return {
        choice("method", "Method", "Combine", "average",
               {{"average", "average"}, {"median", "median"}, {"sum", "sum"}, {"min", "minimum"}, {"max", "maximum"}},
               "How the surviving values of each pixel are combined."),
        choice("reject", "Rejection", "Combine", "none",
               {{"none", "none"}, {"sigma", "sigma clipping"}, {"winsorized", "winsorized sigma"},
                {"minmax", "min/max extremes"}, {"range", "absolute range"}},
               "Which values of each pixel are rejected before combining."),
        low,
        high,
        numeric(ParamType::Int, "iterations", "Iterations", "Combine", "10", 1, 1000,
                "Maximum rejection passes (1 = a single pass like ccdproc)."),
        choice("normalize", "Normalise", "Combine", "none",
               {{"none", "none"}, {"multiplicative", "scale to the reference median"},
                {"additive", "offset to the reference median"}},
               "Match each frame's median to the reference frame's before rejection."),
        advanced(choice("clip-centre", "Clip centre", "Combine", "median", {{"median", "median"}, {"mean", "mean"}},
                        "Centre of the sigma-clipping distribution.")),
        advanced(choice("clip-spread", "Clip spread", "Combine", "mad",
                        {{"mad", "1.4826·MAD (robust)"}, {"stddev", "standard deviation"}},
                        "Spread of the sigma-clipping distribution.")),
        advanced(plain(ParamType::Text, "weights", "Weights", "Combine",
                       "Per-frame weights for average and sum: equal, exposure (∝ EXPTIME) or one number per file, "
                       "comma-separated.",
                       "equal|exposure|W1,W2,…")),
    };
}

std::vector<ParamSpec> registrationParams() {
    auto rate = plain(ParamType::Text, "rate", "Rate", "Tracking",
                      "Linear motion instead of an ephemeris: rate in arcsec/min and position angle in degrees.",
                      "ARCSEC_PER_MIN,PA_DEG");
    return {
        choice("align", "Align on", "Alignment", "none",
               {{"none", "none (already registered)"}, {"stars", "stars (detect and match)"}, {"wcs", "WCS in the headers"}},
               "How frames are registered to the reference frame."),
        advanced(choice("resampling", "Resampling", "Alignment", "bilinear",
                        {{"bilinear", "bilinear"}, {"lanczos3", "Lanczos-3 (sharper)"}},
                        "How shifted or rotated frames are sampled onto the reference grid.")),
        advanced(numeric(ParamType::Int, "reference", "Reference frame", "Alignment", "1", 1, 1e6,
                         "Number of the frame (1 = first) whose grid, WCS and median the stack follows.")),
        plain(ParamType::Text, "object", "Object", "Tracking", "Track this moving object (name as in the ephemeris).",
              "NAME"),
        plain(ParamType::Path, "ephemeris", "Ephemeris", "Tracking",
              "Ephemeris of the object: JPL Horizons observer table or CSV time,ra_deg,dec_deg.", "FILE"),
        rate,
    };
}

std::vector<ParamSpec> memoryAndOutputParams() {
    auto memory = plain(ParamType::Size, "memory-limit", "Memory limit", "Memory and speed",
                        "Memory the run may use, all threads together: GiB number, or 512M / 1.5G. The result is exact "
                        "whatever the limit.",
                        "SIZE");
    memory.defaultText = "2", memory.unit = "GiB", memory.minimum = 0.125, memory.maximum = 1024, memory.decimals = 3;
    auto output = plain(ParamType::Path, "output", "Output", "Output", "Output FITS file (required).", "OUT.fits");
    output.shortName = 'o';
    return {
        memory,
        numeric(ParamType::Int, "chunk-size", "Chunk size", "Memory and speed", "10", 1, 100000,
                "Frames per chunk when combining in chunks (approximate for median and rejection)."),
        advanced(plain(ParamType::Flag, "force-chunked", "Force frame chunks", "Memory and speed",
                       "Combine in frame chunks even when strips fit (approximate for median/rejection).")),
        numeric(ParamType::Int, "threads", "Workers", "Memory and speed", "0", 0, 1024, "Worker threads (0 = all cores)."),
        output,
        plain(ParamType::Flag, "overwrite", "Overwrite", "Output", "Replace the output if it exists (never an input)."),
        advanced(plain(ParamType::Flag, "rejection-map", "Rejection map", "Output",
                       "Add a REJECTED image extension: how many values were rejected at each pixel.")),
    };
}

const std::vector<ParamSpec>& allStackParams() {
    static const std::vector<ParamSpec> all = [] {
        std::vector<ParamSpec> v = combineParams();
        for (auto&& group : {registrationParams(), memoryAndOutputParams()}) v.insert(v.end(), group.begin(), group.end());
        return v;
    }();
    return all;
}

/// What the two bound fields mean for the chosen rejection.
void mapRejection(const ParamSchema& schema, const ParamValues& values, RejectionParams& rj) {
    rj.method = *parseRejectionMethod(schema.choice(values, "reject"));
    rj.maxIterations = schema.integer(values, "iterations");
    rj.centre = schema.choice(values, "clip-centre") == "mean" ? ClipCentre::Mean : ClipCentre::Median;
    rj.spread = schema.choice(values, "clip-spread") == "stddev" ? ClipSpread::StdDev : ClipSpread::Mad;
    const double low = schema.number(values, "sigma-low"), high = schema.number(values, "sigma-high");
    switch (rj.method) {
    case RejectionMethod::MinMax:
        for (const auto& [key, v] : {std::pair{"sigma-low", low}, std::pair{"sigma-high", high}})
            if (v < 0 || v != std::floor(v))
                throw ParamError(key, "with minmax rejection is a whole count of values to drop (got " + formatNumber(v) + ")");
        rj.dropLow = static_cast<int>(low), rj.dropHigh = static_cast<int>(high);
        break;
    case RejectionMethod::Range:
        if (!schema.isSet(values, "sigma-low") && !schema.isSet(values, "sigma-high"))
            throw ParamError("sigma-low", "range rejection needs a lowest and/or highest kept value");
        if (schema.isSet(values, "sigma-low")) rj.rangeLow = low;
        if (schema.isSet(values, "sigma-high")) rj.rangeHigh = high;
        break;
    default:
        for (const auto& [key, v] : {std::pair{"sigma-low", low}, std::pair{"sigma-high", high}})
            if (!(v > 0)) throw ParamError(key, "must be a positive sigma factor (got " + formatNumber(v) + ")");
        rj.sigmaLow = low, rj.sigmaHigh = high;
    }
}

void mapWeights(const ParamSchema& schema, const ParamValues& values, StackRequest& request) {
    const std::string text = schema.text(values, "weights");
    if (text.empty() || text == "equal") return;
    if (text == "exposure") {
        request.weighting = FrameWeighting::Exposure;
        return;
    }
    std::stringstream list(text);
    for (std::string item; std::getline(list, item, ',');) {
        std::istringstream in(item);
        double weight = 0.0;
        char rest = 0;
        if (!(in >> weight) || (in >> rest))
            throw ParamError("weights", "must be equal, exposure or numbers separated by commas (got '" + text + "')");
        request.stack.weights.push_back(weight);
    }
    if (request.stack.weights.size() != request.stack.inputs.size())
        throw ParamError("weights", "lists " + std::to_string(request.stack.weights.size()) + " weights for " +
                                        std::to_string(request.stack.inputs.size()) + " input files");
}

void mapTracking(const ParamSchema& schema, const ParamValues& values, StackRequest& request) {
    const bool ephemeris = schema.isSet(values, "ephemeris"), rate = schema.isSet(values, "rate");
    if (!ephemeris && !rate && !schema.isSet(values, "object")) return;
    if (ephemeris && rate) throw ParamError("rate", "cannot be combined with an ephemeris: give one of the two");
    if (!ephemeris && !rate) throw ParamError("object", "needs an ephemeris file or a motion rate to be tracked");
    track::MotionParams motion;
    motion.objectName = schema.text(values, "object");
    if (ephemeris) {
        motion.ephemerisPath = schema.text(values, "ephemeris");
    } else {
        const std::string text = schema.text(values, "rate");
        char comma = 0, rest = 0;
        std::istringstream in(text);
        in >> motion.rateArcsecPerMin >> comma >> motion.positionAngleDeg;
        if (!in || comma != ',' || (in >> rest) || !std::isfinite(motion.rateArcsecPerMin) ||
            !std::isfinite(motion.positionAngleDeg) || motion.rateArcsecPerMin == 0.0)
            throw ParamError("rate", "needs ARCSEC_PER_MIN,PA_DEG with a non-zero rate, e.g. 12.5,231 (got '" + text + "')");
    }
    request.registration.motion = std::move(motion);
}

}  // namespace

const ParamSchema& stackSchema() {
    static const ParamSchema schema("stack", allStackParams());
    return schema;
}

StackRequest stackRequestFromValues(const ParamValues& values, std::vector<std::filesystem::path> inputs) {
    const ParamSchema& schema = stackSchema();
    schema.validate(values);
    StackRequest request;
    StackParams& p = request.stack;
    p.inputs = std::move(inputs);
    p.output = schema.text(values, "output");
    p.overwrite = schema.flag(values, "overwrite");
    p.combine.method = *parseCombineMethod(schema.choice(values, "method"));
    mapRejection(schema, values, p.combine.rejection);
    const std::string normalize = schema.choice(values, "normalize");
    p.normalization = normalize == "multiplicative" ? Normalization::Multiplicative
                      : normalize == "additive"     ? Normalization::Additive
                                                    : Normalization::None;
    mapWeights(schema, values, request);
    p.memoryLimitBytes = schema.sizeBytes(values, "memory-limit");
    p.chunkSize = schema.integer(values, "chunk-size");
    p.forceChunked = schema.flag(values, "force-chunked");
    p.threads = schema.integer(values, "threads");
    p.resampling = schema.choice(values, "resampling") == "lanczos3" ? Resampling::Lanczos3 : Resampling::Bilinear;
    p.writeRejectionMap = schema.flag(values, "rejection-map");

    const int reference = schema.integer(values, "reference");
    if (reference > static_cast<int>(std::max<std::size_t>(1, p.inputs.size())))
        throw ParamError("reference", "is frame " + std::to_string(reference) + " of " + std::to_string(p.inputs.size()));
    p.referenceIndex = request.registration.referenceIndex = reference - 1;
    const std::string align = schema.choice(values, "align");
    request.registration.align = *track::parseAlignMode(align);
    p.alignMode = align;
    mapTracking(schema, values, request);
    return request;
}

}  // namespace skyweave
