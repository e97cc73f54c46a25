#include "stack/StackEngine.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <deque>
#include <exception>
#include <limits>
#include <mutex>
#include <new>
#include <optional>
#include <thread>

#include "common/Errors.h"
#include "fits/FitsWriter.h"
#include "memory/PressureGovernor.h"
#include "stack/CombineKernel.h"
#include "stack/FrameCatalog.h"
#include "stack/FrameResampler.h"
#include "stack/LaneKernel.h"
#include "stack/StackHeader.h"
#include "stack/StripPlanner.h"

namespace skyweave {
namespace fs = std::filesystem;
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr int kMaxInt16Count = 32767;
constexpr auto kThrottledWorkerPoll = std::chrono::milliseconds(20);

struct StripTask {
    int y0 = 0;
    int rows = 0;
};

/// Strips still to do; halves of a strip that failed to allocate go to the front.
class StripQueue {
public:
    StripQueue(int height, int rowsPerStrip) {
        for (int y = 0; y < height; y += rowsPerStrip) tasks_.push_back({y, std::min(rowsPerStrip, height - y)});
    }
    std::optional<StripTask> pop() {
        std::lock_guard lock(mutex_);
        if (tasks_.empty()) return std::nullopt;
        const auto t = tasks_.front();
        tasks_.pop_front();
        return t;
    }
    void pushFront(StripTask a, StripTask b) {
        std::lock_guard lock(mutex_);
        tasks_.push_front(b);
        tasks_.push_front(a);
    }
    bool empty() const {
        std::lock_guard lock(mutex_);
        return tasks_.empty();
    }

private:
    mutable std::mutex mutex_;
    std::deque<StripTask> tasks_;
};

/// Everything a worker needs to turn one strip task into output rows.
struct StripContext {
    const StackParams& params;
    const FrameCatalog& catalog;
    const StripPlan& plan;
    fits::FitsWriter& writer;
    int primaryHdu, coverageHdu, rejectedHdu;
    bool exactChunks;  ///< chunk merge reproduces the unchunked result exactly
    bool weighted;
};

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

/// One strip: read every frame's rows (per chunk), combine each pixel, write the rows.
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

void refuseOverwritingInputs(const StackParams& p) {
    std::error_code ec;
    const auto out = fs::weakly_canonical(p.output, ec);
    for (const auto& in : p.inputs) {
        const bool same = fs::exists(p.output, ec) && fs::exists(in, ec) ? fs::equivalent(p.output, in, ec)
                                                                           : fs::weakly_canonical(in, ec) == out;
        if (same) throw SkyweaveError(ErrorKind::BadInput, p.output.string() + ": is one of the inputs; Skyweave never writes over an input");
    }
}

}  // namespace

StackEngine::StackEngine(StackParams params, ProgressSink& sink, CancelToken cancel)
    : params_(std::move(params)), sink_(sink), cancel_(std::move(cancel)) {}

void StackEngine::followGovernor(PressureGovernor& governor) {
    workerLimit_ = [&governor] { return governor.current().workers; };
    beforeStrip_ = [&governor, cancel = cancel_] { governor.waitWhileReadsPaused(cancel); };
}

StackResult StackEngine::run() {
    const auto started = std::chrono::steady_clock::now();
    const auto& p = params_;
    if (p.inputs.size() < 2) throw SkyweaveError(ErrorKind::BadInput, "stacking needs at least 2 input frames");
    if (p.output.empty()) throw SkyweaveError(ErrorKind::BadInput, "no output file given");
    if (!p.weights.empty() && p.weights.size() != p.inputs.size())
        throw SkyweaveError(ErrorKind::BadInput, std::to_string(p.weights.size()) + " weights for " + std::to_string(p.inputs.size()) + " frames");
    if (!p.transforms.empty() && p.transforms.size() != p.inputs.size())
        throw SkyweaveError(ErrorKind::BadInput, std::to_string(p.transforms.size()) + " transforms for " + std::to_string(p.inputs.size()) + " frames");
    refuseOverwritingInputs(p);

    FrameCatalog catalog(p, sink_, cancel_);
    std::vector<std::string> earlierLog;
    for (;;) {
        try {
            StackResult result = combine(catalog, earlierLog);
            result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            return result;
        } catch (const FrameReadFailure& e) {
            // A frame that passed its checks could not be read later (truncated, replaced, deleted). Strips
            // already combined include it, so the output is started over without it: the result is then
            // exactly the stack of the remaining frames. Each restart drops a frame, so this ends.
            cancel_.throwIfCancelled();
            const std::string path = catalog.frames().at(e.position()).summary.path;
            const std::string reason = causeOnly(e.what(), path);
            catalog.drop(e.position(), reason);
            earlierLog.push_back("Skipping " + path + ": became unreadable during the run (" + reason +
                                 "); combining again without it");
            sink_.log(2, earlierLog.back());
        }
    }
}

StackResult StackEngine::combine(FrameCatalog& catalog, const std::vector<std::string>& earlierLog) {
    const auto& p = params_;
    StackResult result;
    result.output = p.output;
    result.skipped = catalog.skipped();
    result.log = earlierLog;
    const int n = static_cast<int>(catalog.frames().size());
    if (n < 2) {
        std::string why = "only " + std::to_string(n) + " of " + std::to_string(p.inputs.size()) + " frames are usable";
        for (const auto& s : result.skipped) why += "; " + s.path.filename().string() + ": " + s.reason;
        throw SkyweaveError(ErrorKind::BadInput, why);
    }
    catalog.normalize(p.normalization, sink_, cancel_);
    result.width = catalog.width(), result.height = catalog.height();

    StripPlanner::Input in;
    in.width = catalog.width(), in.height = catalog.height(), in.frameCount = n;
    for (const auto& f : catalog.frames()) in.transforms.push_back(f.transform);
    in.interpolationMargin = FrameResampler::margin(p.resampling);
    in.memoryLimitBytes = p.memoryLimitBytes;
    in.headerBytes = catalog.headerBytes();
    in.threads = p.threads > 0 ? p.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    in.rejectionMap = p.writeRejectionMap;
    in.forceChunked = p.forceChunked;
    in.chunkSize = p.chunkSize;
    const StripPlan plan = StripPlanner::plan(in);
    std::mutex logMutex;
    auto note = [&](int level, const std::string& line) {
        {
            std::lock_guard lock(logMutex);
            result.log.push_back(line);
        }
        sink_.log(level, line);
    };
    note(1, "Stacking " + std::to_string(n) + " frames of " + std::to_string(in.width) + "×" + std::to_string(in.height) + ": " + plan.summary);

    const auto method = p.combine.method;
    const bool noRejection = p.combine.rejection.method == RejectionMethod::None;
    const bool exactChunks = noRejection && method != CombineMethod::Median;
    result.chunked = plan.chunked, result.chunks = plan.chunkCount;
    result.approximate = plan.chunked && !exactChunks;
    if (plan.chunked)
        note(result.approximate ? 2 : 1, result.approximate
            ? "Frames are combined in " + std::to_string(plan.chunkCount) + " chunks: the " + std::string(combineMethodName(method)) +
                  (noRejection ? "" : " with rejection") + " result is APPROXIMATE (merged chunk results), not the exact statistic"
            : "Frames are combined in " + std::to_string(plan.chunkCount) + " chunks; " + std::string(combineMethodName(method)) + " stays exact");

    fits::FitsWriter writer(p.output, p.overwrite);
    const auto countType = n > kMaxInt16Count ? fits::FitsPixelType::Int32 : fits::FitsPixelType::Int16;
    const int primary = writer.addImage(in.width, in.height, fits::FitsPixelType::Float32);
    result.strips = plan.stripCount;
    result.rowsPerStrip = plan.rowsPerStrip;
    result.workers = plan.workers;
    result.plannedPeakBytes = plan.plannedPeakBytes;
    for (const auto& f : catalog.frames()) {
        result.used.push_back({f.summary.path, f.transform, f.summary.exposureSeconds.value_or(0.0)});
        result.totalExposureSeconds += f.summary.exposureSeconds.value_or(0.0);
    }
    // The whole header goes in before the data, so it never has to be moved to make room.
    StackHeader::write(writer, primary, p, catalog, result);
    const int coverageHdu = writer.addImage(in.width, in.height, countType, "COVERAGE", 8);
    const int rejectedHdu = p.writeRejectionMap ? writer.addImage(in.width, in.height, countType, "REJECTED", 8) : 0;
    writer.setKeyword(coverageHdu, "BUNIT", std::string("frames"), "frames covering each pixel");

    bool weighted = false;
    for (const auto& f : catalog.frames()) weighted |= f.weight != 1.0f;
    weighted &= method == CombineMethod::Average || method == CombineMethod::Sum;
    const StripContext ctx{p, catalog, plan, writer, primary, coverageHdu, rejectedHdu, exactChunks, weighted};

    StripQueue queue(in.height, plan.rowsPerStrip);
    std::atomic<int> stripsDone{0}, rowsDone{0}, retries{0};
    std::atomic<bool> stop{false};
    auto recordWorkerLimit = [&](int limit) {
        std::lock_guard lock(logMutex);
        if (result.workerLimits.empty() || result.workerLimits.back() != std::min(limit, plan.workers))
            result.workerLimits.push_back(std::min(limit, plan.workers));
    };
    std::exception_ptr failure;
    std::mutex failureMutex;
    auto worker = [&](int index) {
        try {
            while (!stop.load()) {
                const int limit = workerLimit_ ? std::max(1, workerLimit_()) : plan.workers;
                recordWorkerLimit(limit);
                if (index > 0 && index >= limit) {
                    if (queue.empty()) break;
                    std::this_thread::sleep_for(kThrottledWorkerPoll);
                    continue;
                }
                if (beforeStrip_) beforeStrip_();
                const auto task = queue.pop();
                if (!task) break;
                cancel_.throwIfCancelled();
                try {
                    processStrip(ctx, *task, cancel_, allocationProbe_);
                } catch (const std::bad_alloc&) {
                    if (task->rows <= 1)
                        throw SkyweaveError(ErrorKind::Memory, "out of memory even for a one-row strip at row " + std::to_string(task->y0));
                    const int half = task->rows / 2;
                    queue.pushFront({task->y0, half}, {task->y0 + half, task->rows - half});
                    ++retries;
                    note(2, "Allocation failed for rows " + std::to_string(task->y0) + "–" + std::to_string(task->y0 + task->rows - 1) +
                                "; retrying as two strips of " + std::to_string(half) + " and " + std::to_string(task->rows - half) + " rows");
                    continue;
                }
                ++stripsDone;
                const int done = rowsDone += task->rows;
                sink_.report({done, in.height, "Combined strip " + std::to_string(stripsDone.load()) + " (rows " +
                                                   std::to_string(task->y0) + "–" + std::to_string(task->y0 + task->rows - 1) + ")"});
            }
        } catch (...) {
            std::lock_guard lock(failureMutex);
            if (!failure) failure = std::current_exception();
            stop = true;
        }
    };
    std::vector<std::thread> threads;
    for (int i = 1; i < plan.workers; ++i) threads.emplace_back(worker, i);
    worker(0);
    for (auto& t : threads) t.join();
    if (failure) std::rethrow_exception(failure);

    result.strips = stripsDone.load();
    result.allocationRetries = retries.load();
    // Same-size cards are updated in place: the header never grows after the data exists.
    StackHeader::updateStripCount(writer, primary, result);
    writer.commit();
    note(1, "Wrote " + p.output.string() + " (" + std::to_string(n) + " frames, " + std::to_string(result.strips) + " strips)");
    return result;
}

}  // namespace skyweave
