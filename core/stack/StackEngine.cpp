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
#include "stack/CombineSettings.h"
#include "stack/FrameCatalog.h"
#include "stack/FrameResampler.h"
#include "stack/StackHeader.h"
#include "stack/StripCombiner.h"
#include "stack/StripPlanner.h"

namespace skyweave {
namespace fs = std::filesystem;
namespace {

constexpr int kMaxInt16Count = 32767;
constexpr auto kThrottledWorkerPoll = std::chrono::milliseconds(20);


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


void refuseOverwritingInputs(const StackParams& p) {
    std::error_code ec;
    const auto out = fs::weakly_canonical(p.output, ec);
    for (const auto& in : p.inputs) {
        const bool same = fs::exists(p.output, ec) && fs::exists(in, ec) ? fs::equivalent(p.output, in, ec)
                                                                           : fs::weakly_canonical(in, ec) == out;
        if (same) throw SkyweaveError(ErrorKind::BadInput, p.output.string() + ": is one of the inputs; Skyweave never writes over an input");
    }
}


/// The log of one combine pass: each line goes to the result and to the sink. Strip workers add
/// lines and worker limits from their threads, so both go through one mutex.
class CombineLog {
public:
    CombineLog(StackResult& result, ProgressSink& sink) : result_(result), sink_(sink) {}

    void note(LogLevel level, const std::string& line) {
        {
            std::lock_guard lock(mutex_);
            result_.log.push_back(line);
        }
        sink_.log(level, line);
    }
    /// Appends `limit` (capped at the plan's workers) to result.workerLimits when it changed.
    void recordWorkerLimit(int limit, int plannedWorkers) {
        std::lock_guard lock(mutex_);
        if (result_.workerLimits.empty() || result_.workerLimits.back() != std::min(limit, plannedWorkers))
            result_.workerLimits.push_back(std::min(limit, plannedWorkers));
    }

private:
    std::mutex mutex_;
    StackResult& result_;
    ProgressSink& sink_;
};

StripPlan planStrips(const StackParams& p, const FrameCatalog& catalog) {
    StripPlanner::Input in;
    in.width = catalog.width(), in.height = catalog.height();
    in.frameCount = static_cast<int>(catalog.frames().size());
    for (const auto& f : catalog.frames()) in.transforms.push_back(f.transform);
    in.interpolationMargin = FrameResampler::margin(p.resampling);
    in.memoryLimitBytes = p.memoryLimitBytes;
    in.headerBytes = catalog.headerBytes();
    in.threads = p.threads > 0 ? p.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    in.rejectionMap = p.writeRejectionMap;
    in.forceChunked = p.forceChunked;
    in.chunkSize = p.chunkSize;
    return StripPlanner::plan(in);
}

/// Records whether frames are combined in chunks and says whether the result stays exact; returns
/// true when merging chunk results reproduces the unchunked statistic.
bool noteChunking(const StackParams& p, const StripPlan& plan, StackResult& result, CombineLog& log) {
    const auto method = p.combine.method;
    const bool noRejection = p.combine.rejection.method == RejectionMethod::None;
    const bool exactChunks = noRejection && method != CombineMethod::Median;
    result.chunked = plan.chunked, result.chunks = plan.chunkCount;
    result.approximate = plan.chunked && !exactChunks;
    if (plan.chunked)
        log.note(result.approximate ? LogLevel::Warning : LogLevel::Info, result.approximate
            ? "Frames are combined in " + std::to_string(plan.chunkCount) + " chunks: the " + std::string(combineMethodName(method)) +
                  (noRejection ? "" : " with rejection") + " result is APPROXIMATE (merged chunk results), not the exact statistic"
            : "Frames are combined in " + std::to_string(plan.chunkCount) + " chunks; " + std::string(combineMethodName(method)) + " stays exact");
    return exactChunks;
}

struct OutputHdus {
    int primary = 0, coverage = 0, rejected = 0;
};

/// Adds the output's HDUs and writes the whole header before any data, so it never has to be moved
/// to make room; fills the result's plan and frame figures the header reports.
OutputHdus startOutput(fits::FitsWriter& writer, const StackParams& p, const FrameCatalog& catalog,
                       const StripPlan& plan, StackResult& result) {
    const int w = catalog.width(), h = catalog.height();
    const auto countType = catalog.frames().size() > static_cast<std::size_t>(kMaxInt16Count)
                               ? fits::FitsPixelType::Int32
                               : fits::FitsPixelType::Int16;
    OutputHdus hdus;
    hdus.primary = writer.addImage(w, h, fits::FitsPixelType::Float32);
    result.strips = plan.stripCount;
    result.rowsPerStrip = plan.rowsPerStrip;
    result.workers = plan.workers;
    result.plannedPeakBytes = plan.plannedPeakBytes;
    for (const auto& f : catalog.frames()) {
        result.used.push_back({f.summary.path, f.transform, f.summary.exposureSeconds.value_or(0.0)});
        result.totalExposureSeconds += f.summary.exposureSeconds.value_or(0.0);
    }
    StackHeader::write(writer, hdus.primary, p, catalog, result);
    hdus.coverage = writer.addImage(w, h, countType, "COVERAGE", 8);
    hdus.rejected = p.writeRejectionMap ? writer.addImage(w, h, countType, "REJECTED", 8) : 0;
    writer.setKeyword(hdus.coverage, "BUNIT", std::string("frames"), "frames covering each pixel");
    return hdus;
}

/// The strip workers of one combine pass: each takes strips from a shared queue, follows the worker
/// limit and the before-strip hook, and splits a strip in two when its buffers cannot be allocated.
/// The first failure stops them all and is rethrown by run().
class StripWorkers {
public:
    struct Hooks {
        const std::function<int()>& workerLimit;
        const std::function<void()>& beforeStrip;
        const std::function<void(std::uint64_t)>& allocationProbe;
    };

    StripWorkers(const StripContext& ctx, Hooks hooks, CombineLog& log, ProgressSink& sink, const CancelToken& cancel)
        : ctx_(ctx), hooks_(hooks), log_(log), sink_(sink), cancel_(cancel),
          queue_(ctx.catalog.height(), ctx.plan.rowsPerStrip) {}

    void run() {
        std::vector<std::thread> threads;
        for (int i = 1; i < ctx_.plan.workers; ++i) threads.emplace_back([this, i] { work(i); });
        work(0);
        for (auto& t : threads) t.join();
        if (failure_) std::rethrow_exception(failure_);
    }
    [[nodiscard]] int stripsDone() const { return stripsDone_.load(); }
    [[nodiscard]] int retries() const { return retries_.load(); }

private:
    void work(int index) {
        try {
            while (!stop_.load()) {
                const int limit = hooks_.workerLimit ? std::max(1, hooks_.workerLimit()) : ctx_.plan.workers;
                log_.recordWorkerLimit(limit, ctx_.plan.workers);
                if (index > 0 && index >= limit) {
                    if (queue_.empty()) break;
                    std::this_thread::sleep_for(kThrottledWorkerPoll);
                    continue;
                }
                if (hooks_.beforeStrip) hooks_.beforeStrip();
                const auto task = queue_.pop();
                if (!task) break;
                cancel_.throwIfCancelled();
                if (!combineStrip(*task)) continue;
                ++stripsDone_;
                const int done = rowsDone_ += task->rows;
                sink_.report({done, ctx_.catalog.height(),
                              "Combined strip " + std::to_string(stripsDone_.load()) + " (rows " + std::to_string(task->y0) +
                                  "–" + std::to_string(task->y0 + task->rows - 1) + ")",
                              "rows"});
            }
        } catch (...) {
            std::lock_guard lock(failureMutex_);
            if (!failure_) failure_ = std::current_exception();
            stop_ = true;
        }
    }
    /// Combines one strip; false when it did not fit and went back to the queue as two halves.
    bool combineStrip(const StripTask& task) {
        try {
            processStrip(ctx_, task, cancel_, hooks_.allocationProbe);
            return true;
        } catch (const std::bad_alloc&) {
            if (task.rows <= 1)
                throw SkyweaveError(ErrorKind::Memory, "out of memory even for a one-row strip at row " + std::to_string(task.y0));
            const int half = task.rows / 2;
            queue_.pushFront({task.y0, half}, {task.y0 + half, task.rows - half});
            ++retries_;
            log_.note(LogLevel::Warning, "Allocation failed for rows " + std::to_string(task.y0) + "–" + std::to_string(task.y0 + task.rows - 1) +
                             "; retrying as two strips of " + std::to_string(half) + " and " + std::to_string(task.rows - half) + " rows");
            return false;
        }
    }

    const StripContext& ctx_;
    Hooks hooks_;
    CombineLog& log_;
    ProgressSink& sink_;
    const CancelToken& cancel_;
    StripQueue queue_;
    std::atomic<int> stripsDone_{0}, rowsDone_{0}, retries_{0};
    std::atomic<bool> stop_{false};
    std::exception_ptr failure_;
    std::mutex failureMutex_;
};

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
            sink_.log(LogLevel::Warning, earlierLog.back());
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

    const StripPlan plan = planStrips(p, catalog);
    CombineLog log(result, sink_);
    log.note(LogLevel::Info, "Stacking " + std::to_string(n) + " frames of " + std::to_string(catalog.width()) + "×" +
                    std::to_string(catalog.height()) + ": " + plan.summary);
    const bool exactChunks = noteChunking(p, plan, result, log);

    fits::FitsWriter writer(p.output, p.overwrite);
    const OutputHdus hdus = startOutput(writer, p, catalog, plan, result);
    const auto method = p.combine.method;
    bool weighted = false;
    for (const auto& f : catalog.frames()) weighted |= f.weight != 1.0f;
    weighted &= method == CombineMethod::Average || method == CombineMethod::Sum;
    const StripContext ctx{p, catalog, plan, writer, hdus.primary, hdus.coverage, hdus.rejected, exactChunks, weighted};

    StripWorkers workers(ctx, {workerLimit_, beforeStrip_, allocationProbe_}, log, sink_, cancel_);
    workers.run();
    result.strips = workers.stripsDone();
    result.allocationRetries = workers.retries();
    // Same-size cards are updated in place: the header never grows after the data exists.
    StackHeader::updateStripCount(writer, hdus.primary, result);
    writer.commit();
    log.note(LogLevel::Info, "Wrote " + p.output.string() + " (" + std::to_string(n) + " frames, " + std::to_string(result.strips) + " strips)");
    return result;
}

}  // namespace skyweave
