#include "stack/StripCombiner.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

#include "common/CancelToken.h"
#include "fits/FitsWriter.h"
#include "stack/CombineKernel.h"
#include "stack/FrameCatalog.h"
#include "stack/FrameResampler.h"
#include "stack/LaneKernel.h"
#include "stack/StackParams.h"
#include "stack/StripPlanner.h"

namespace skyweave {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

/// Reads (and resamples, normalises) frames [first, last) of the strip into block (frame-major).
void fillBlock(const StripContext& ctx, const StripTask& t, int first, int last, float* block, std::vector<float>& raw,
               const CancelToken& cancel) {
    const int w = ctx.catalog.width(), h = ctx.catalog.height();
    const std::size_t plane = static_cast<std::size_t>(t.rows) * w;
    for (int f = first; f < last; ++f) {
        cancel.throwIfCancelled();
        const StackFrame& frame = ctx.catalog.frames()[f];
        float* dst = block + static_cast<std::size_t>(f - first) * plane;
        if (frame.identity) {
            ctx.catalog.readRows(f, t.y0, t.rows, dst);
        } else {
            const auto [a, b] = FrameResampler::inputRowRange(frame.transform, w, h, t.y0, t.rows, ctx.params.resampling);
            if (static_cast<std::size_t>(b - a) * w > raw.size()) raw.resize(static_cast<std::size_t>(b - a) * w);
            if (b > a) ctx.catalog.readRows(f, a, b - a, raw.data());
            FrameResampler::resampleStrip(raw.data(), a, b - a, w, h, frame.transform, ctx.params.resampling, t.y0, t.rows, dst);
        }
        if (frame.scale != 1.0f || frame.offset != 0.0f)
            for (std::size_t i = 0; i < plane; ++i) dst[i] = dst[i] * frame.scale + frame.offset;
    }
}

/// The selection-bound cases: LaneKernel::kLanes pixels at a time; pixels with NaN through combinePixel().
void combineWithLanes(const StripContext& ctx, LaneKernel& lanes, const float* block, std::size_t pixels, int count,
                      const float* wts, std::vector<float>& value, std::vector<std::int32_t>& coverage,
                      std::vector<std::int32_t>& rejected, std::vector<float>& vals, KernelScratch& scratch) {
    PixelResult results[LaneKernel::kLanes];
    auto store = [&](std::size_t p, const PixelResult& r) {
        value[p] = r.value, coverage[p] = r.covered;
        if (ctx.rejectedHdu) rejected[p] = r.rejectedLow + r.rejectedHigh;
    };
    for (std::size_t p0 = 0; p0 < pixels; p0 += LaneKernel::kLanes) {
        const int n = static_cast<int>(std::min<std::size_t>(LaneKernel::kLanes, pixels - p0));
        const std::uint32_t withNaN = lanes.combine(block + p0, pixels, n, wts, results);
        for (int l = 0; l < n; ++l) {
            if (!(withNaN & (1u << l))) {
                store(p0 + l, results[l]);
                continue;
            }
            for (int f = 0; f < count; ++f) vals[f] = block[static_cast<std::size_t>(f) * pixels + p0 + l];
            store(p0 + l, combinePixel(vals.data(), wts, count, ctx.params.combine, scratch));
        }
    }
}

}  // namespace

void processStrip(const StripContext& ctx, const StripTask& t, const CancelToken& cancel,
                  const std::function<void(std::uint64_t)>& probe) {
    const int w = ctx.catalog.width();
    const int n = static_cast<int>(ctx.catalog.frames().size());
    const int perChunk = ctx.plan.framesPerChunk;
    const std::size_t pixels = static_cast<std::size_t>(t.rows) * w;
    if (probe) {
        StripPlanner::Input in;
        in.width = w, in.height = ctx.catalog.height(), in.rejectionMap = ctx.params.writeRejectionMap;
        probe(StripPlanner::stripBytes(in, t.rows, perChunk, ctx.plan.chunked));
    }
    std::vector<float> block(static_cast<std::size_t>(perChunk) * pixels);
    std::vector<float> raw;
    std::vector<float> value(pixels, kNaN);
    std::vector<std::int32_t> coverage(pixels, 0), rejected(ctx.rejectedHdu ? pixels : 0, 0);
    std::vector<double> acc, accWeight;
    std::vector<float> running;
    if (ctx.plan.chunked) acc.assign(pixels, 0.0), accWeight.assign(pixels, 0.0), running.assign(pixels, kNaN);

    KernelScratch scratch;
    scratch.reserve(perChunk);
    std::vector<float> vals(perChunk), weights(perChunk);
    const CombineMethod method = ctx.params.combine.method;
    std::optional<LaneKernel> lanes;
    if (!ctx.plan.chunked && LaneKernel::supports(ctx.params.combine) && n >= 2 && n <= 65535) lanes.emplace(n, ctx.params.combine);

    for (int first = 0; first < n; first += perChunk) {
        const int last = std::min(n, first + perChunk), count = last - first;
        fillBlock(ctx, t, first, last, block.data(), raw, cancel);
        for (int f = first; f < last; ++f) weights[f - first] = ctx.catalog.frames()[f].weight;
        const float* wts = ctx.weighted ? weights.data() : nullptr;
        if (!ctx.plan.chunked && lanes) {
            combineWithLanes(ctx, *lanes, block.data(), pixels, count, wts, value, coverage, rejected, vals, scratch);
            continue;
        }
        for (std::size_t p = 0; p < pixels; ++p) {
            for (int f = 0; f < count; ++f) vals[f] = block[static_cast<std::size_t>(f) * pixels + p];
            if (!ctx.plan.chunked) {
                const PixelResult r = combinePixel(vals.data(), wts, count, ctx.params.combine, scratch);
                value[p] = r.value, coverage[p] = r.covered;
                if (ctx.rejectedHdu) rejected[p] = r.rejectedLow + r.rejectedHigh;
                continue;
            }
            if (ctx.exactChunks) {  // same additions, same order as combinePixel over all frames
                for (int f = 0; f < count; ++f) {
                    const float v = vals[f];
                    if (std::isnan(v)) continue;
                    ++coverage[p];
                    if (wts) acc[p] += static_cast<double>(wts[f]) * v, accWeight[p] += wts[f];
                    else acc[p] += v, accWeight[p] += 1.0;
                    if (std::isnan(running[p]) || (method == CombineMethod::Min ? v < running[p] : v > running[p])) running[p] = v;
                }
                continue;
            }
            const PixelResult r = combinePixel(vals.data(), wts, count, ctx.params.combine, scratch);
            coverage[p] += r.covered;
            if (ctx.rejectedHdu) rejected[p] += r.rejectedLow + r.rejectedHigh;
            if (std::isnan(r.value)) continue;
            const int kept = r.covered - r.rejectedLow - r.rejectedHigh;
            if (method == CombineMethod::Sum) acc[p] += r.value, accWeight[p] = 1.0;
            else acc[p] += static_cast<double>(r.value) * kept, accWeight[p] += kept;
            if (std::isnan(running[p]) || (method == CombineMethod::Min ? r.value < running[p] : r.value > running[p]))
                running[p] = r.value;
        }
    }
    if (ctx.plan.chunked) {
        for (std::size_t p = 0; p < pixels; ++p) {
            if (accWeight[p] <= 0.0) continue;
            if (method == CombineMethod::Min || method == CombineMethod::Max) value[p] = running[p];
            else if (method == CombineMethod::Sum) value[p] = static_cast<float>(acc[p]);
            else value[p] = static_cast<float>(acc[p] / accWeight[p]);
        }
    }
    ctx.writer.writeRows(ctx.primaryHdu, t.y0, t.rows, value.data());
    ctx.writer.writeRows(ctx.coverageHdu, t.y0, t.rows, coverage.data());
    if (ctx.rejectedHdu) ctx.writer.writeRows(ctx.rejectedHdu, t.y0, t.rows, rejected.data());
}

}  // namespace skyweave
