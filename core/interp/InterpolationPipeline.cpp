#include "interp/InterpolationPipeline.h"

#include <QThread>
#include <algorithm>
#include <chrono>
#include <deque>
#include <future>
#include <map>
#include <optional>
#include <sys/resource.h>
#include <thread>

#include "common/Errors.h"
#include "common/ThreadPoolTask.h"
#include "interp/FrameInterpolator.h"

namespace skyweave {

namespace {

// Pairs in flight beyond what keeps every worker busy while the writer drains one pair only add memory.
constexpr int kExtraPairsPerWorker = 2;
// Headroom for what the plan does not model exactly: allocator slack, OpenCV's internal buffers, the
// writer's copy in the sink. Kept out of the window so that the budget is honoured with margin.
constexpr double kSafetyFactor = 1.2;
// How often a run paused by Critical memory looks at the level again.
constexpr std::chrono::milliseconds kPausePoll{200};

std::string mb(std::uint64_t bytes) { return std::to_string((bytes + (1u << 19)) >> 20) + " MB"; }

}  // namespace

std::uint64_t processPeakRssBytes() {
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
    return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024u;  // Linux reports KiB
}

std::string InterpolationPlan::describe() const {
    return std::to_string(limits.batch) + " pairs in flight, " + std::to_string(limits.workers) + " workers, " +
           mb(perPairBytes) + " per pair, " + mb(perWorkerBytes) + " per worker" +
           (sinkBytes > 0 ? ", " + mb(sinkBytes) + " for the sink" : "");
}

InterpolationPlan InterpolationPipeline::makePlan(const FrameFormat& format, std::size_t frames,
                                                  const InterpolationParams& params, const MemoryBudget& budget,
                                                  const MemoryStats& stats, int maxWorkers,
                                                  std::uint64_t sinkBytes) {
    InterpolationPlan plan;
    plan.sinkBytes = sinkBytes;
    const int type = CV_MAKETYPE(format.depth, format.channels);
    plan.frameBytes = MemoryBudget::matBytes(format.width, format.height, type);
    const auto f = static_cast<std::uint64_t>(std::max(1, params.factor));
    plan.perPairBytes = static_cast<std::uint64_t>(static_cast<double>(f * plan.frameBytes) * kSafetyFactor);
    plan.perWorkerBytes = params.factor > 1 && params.method == InterpolationMethod::Flow
                              ? static_cast<std::uint64_t>(
                                    static_cast<double>(pairWorkingBytes({format.width, format.height}, type, params)) *
                                    kSafetyFactor)
                              : plan.frameBytes;  // blend/dup/pass-through: one conversion buffer
    const int hardware = std::max(1, QThread::idealThreadCount());
    const int cap = maxWorkers > 0 ? maxWorkers : hardware;
    const int pairs = static_cast<int>(std::max<std::size_t>(frames, 2) - 1);

    const std::string what = std::to_string(format.width) + "×" + std::to_string(format.height) + " frames";
    // Both front ends read this: the option and the form field share the name "memory limit".
    const std::string advice =
        ". Raise the memory limit (--memory-limit, or Memory limit on the Interpolate tab), crop or scale the "
        "frames, or lower the factor";
    // The sink (the encoder's queue, lookahead and reference pictures) is held for the whole run: it comes
    // off the budget before anything else is sized, so workers and pairs in flight shrink to make room.
    if (sinkBytes >= budget.budgetBytes())
        throw SkyweaveError(ErrorKind::Memory,
                            "the video encoder alone needs about " + mb(sinkBytes) + " for " + what +
                                " with these settings, more than the " + mb(budget.budgetBytes()) +
                                " memory limit. Raise the memory limit (--memory-limit, or Memory limit on the Interpolate tab) "
                                "to at least " +
                                mb(sinkBytes + plan.frameBytes + plan.perPairBytes + plan.perWorkerBytes) +
                                ", or choose a faster preset, a smaller frame or a codec with less lookahead");
    // The minimum that must fit: the sink, the first frame, one pair in flight, one worker.
    const std::uint64_t minimum = sinkBytes + plan.frameBytes + plan.perPairBytes + plan.perWorkerBytes;
    const MemoryCheck check = budget.checkAvailable(minimum, stats);
    if (!check.ok)
        throw SkyweaveError(ErrorKind::Memory,
                            "interpolating " + what + " at factor " + std::to_string(params.factor) +
                                " needs at least " + mb(minimum) + " (one pair in flight, one worker" +
                                (sinkBytes > 0 ? ", " + mb(sinkBytes) + " for the video encoder" : std::string()) +
                                "): " + check.message + advice + ".");
    // Workers share what is left once the first frame and one pair in flight are counted too.
    const std::uint64_t taken = minimum - plan.perWorkerBytes;
    const MemoryBudget forWorkers(budget.budgetBytes() > taken ? budget.budgetBytes() - taken : 0);
    plan.limits.workers = std::clamp(forWorkers.workerCount(plan.perWorkerBytes, cap), 1, cap);
    const std::uint64_t reserve =
        sinkBytes + plan.frameBytes + plan.perWorkerBytes * static_cast<std::uint64_t>(plan.limits.workers);
    const int maxWindow = std::max(1, std::min(pairs, plan.limits.workers + kExtraPairsPerWorker));
    plan.limits.batch = budget.batchSize(plan.perPairBytes, stats, reserve, 1, maxWindow);
    return plan;
}

InterpolationPipeline::InterpolationPipeline(const SequenceLoader& loader, InterpolationParams params,
                                             const MemoryBudget& budget, int maxWorkers, MemorySampler sampler,
                                             std::uint64_t sinkBytes)
    : loader_(loader), params_(params), budget_(budget), sampler_(std::move(sampler)) {
    validateInterpolationParams(params_);
    feedGovernor_ = static_cast<bool>(sampler_);
    if (loader_.size() < 2 && params_.factor > 1)
        throw SkyweaveError(ErrorKind::BadInput, "interpolation needs at least 2 frames; " +
                                                     std::to_string(loader_.size()) + " given");
    const FrameFormat& format = loader_.info().format;
    if (params_.factor > 1 && params_.method == InterpolationMethod::Flow &&
        std::min(format.width, format.height) < InterpolationParams::kMinFlowSidePx)
        throw SkyweaveError(ErrorKind::BadInput, loader_.info().frames.front().string() + ": " +
                                                     std::to_string(format.width) + "×" +
                                                     std::to_string(format.height) +
                                                     " frames are too small for optical flow (at least " +
                                                     std::to_string(InterpolationParams::kMinFlowSidePx) +
                                                     " pixels a side); use --method blend or dup");
    if (!sampler_) {
        const std::uint64_t budgetBytes = budget_.budgetBytes();
        sampler_ = [budgetBytes] {
            MemoryStats s;
            s.totalBytes = s.availableBytes = budgetBytes;
            return s;
        };
    }
    plan_ = makePlan(loader_.info().format, loader_.size(), params_, budget_, sampler_(), maxWorkers, sinkBytes);
    governor_ = std::make_unique<PressureGovernor>(plan_.limits);
    pool_.setMaxThreadCount(plan_.limits.workers);
}

InterpolationPipeline::~InterpolationPipeline() { pool_.waitForDone(); }

long long InterpolationPipeline::outputFrameCount() const {
    const auto n = static_cast<long long>(loader_.size());
    return n == 0 ? 0 : static_cast<long long>(std::max(1, params_.factor)) * (n - 1) + 1;
}

void InterpolationPipeline::housekeeping(int batchIndex, ProgressSink& progress) {
    MemoryBudget::releaseMemory();
    const MemoryStats s = sampler_();
    if (feedGovernor_) governor_->onStats(s);
    progress.log(LogLevel::Debug, "batch " + std::to_string(batchIndex) + ": RSS " + mb(s.processRssBytes) + ", available " +
                        mb(s.availableBytes) + ", level " + std::string(memoryLevelName(s.level)));
}

/// One run: the frames and pairs in flight, the counters, and the steps of run() over them. Units are
/// frames when passing through, else pairs, named by their first frame: pair k = (k, k + 1).
struct InterpolationPipeline::State {
    State(InterpolationPipeline& pipeline, FrameSink& sink, ProgressSink& progress, const CancelToken& cancel);

    void submitFrame(std::size_t i);
    void submitPair(int k);
    void put(const cv::Mat& frame);
    bool readsPaused();
    void fill(int nextToWrite);
    std::optional<std::string> readFailure(std::size_t i);
    void skip(std::size_t i, const std::string& reason);
    [[nodiscard]] SkyweaveError noFrames() const;
    void endOfUnit(bool more);
    void passFrames();
    void interpolatePairs();

    InterpolationPipeline& pipe;
    FrameSink& sink;
    ProgressSink& progress;
    const CancelToken& cancel;
    const std::size_t n;
    const bool passThrough;
    long long total;
    InterpolationSummary summary;
    // Futures of frames and pairs submitted to the pool; erased once written.
    std::map<std::size_t, std::shared_future<cv::Mat>> frames;
    std::map<int, std::shared_future<PairResult>> results;
    // Set on failure or cancel so that queued tasks end at once; never set the caller's token ourselves.
    const CancelToken stop;
    long long written = 0;
    long long pairsDone = 0;
    ResourceLimits limits;
    int submittedFrames = 0, submittedPairs = 0, batchIndex = 0, inBatch = 0;
    const int units;
};

InterpolationPipeline::State::State(InterpolationPipeline& pipeline, FrameSink& sink, ProgressSink& progress,
                                    const CancelToken& cancel)
    : pipe(pipeline),
      sink(sink),
      progress(progress),
      cancel(cancel),
      n(pipeline.loader_.size()),
      passThrough(pipeline.params_.factor <= 1),
      total(pipeline.outputFrameCount()),
      limits(pipeline.plan_.limits),
      units(passThrough ? static_cast<int>(n) : static_cast<int>(n) - 1) {
    summary.framesIn = static_cast<long long>(n);
    summary.plan = pipeline.plan_;
    summary.batchSizes.push_back(limits.batch);
}

void InterpolationPipeline::State::submitFrame(std::size_t i) {
    auto promise = std::make_shared<std::promise<cv::Mat>>();
    frames[i] = promise->get_future().share();
    const SequenceLoader* loader = &pipe.loader_;
    ThreadPoolTask::start(pipe.pool_, [promise, loader, i, cancel = cancel, stop = stop] {
        try {
            cancel.throwIfCancelled();
            stop.throwIfCancelled();
            promise->set_value(loader->load(i));
        } catch (...) {
            promise->set_exception(std::current_exception());
        }
    });
}

void InterpolationPipeline::State::submitPair(int k) {
    auto promise = std::make_shared<std::promise<PairResult>>();
    results[k] = promise->get_future().share();
    auto a = frames.at(static_cast<std::size_t>(k));
    auto b = frames.at(static_cast<std::size_t>(k) + 1);
    ThreadPoolTask::start(pipe.pool_, [promise, a, b, params = pipe.params_, cancel = cancel, stop = stop] {
        try {
            cancel.throwIfCancelled();
            stop.throwIfCancelled();
            promise->set_value(interpolatePair(a.get(), b.get(), params, &cancel));
        } catch (...) {
            promise->set_exception(std::current_exception());
        }
    });
}

void InterpolationPipeline::State::put(const cv::Mat& frame) {
    sink.write(frame);
    ++written;
    progress.report({written, total, passThrough ? "Writing frame " + std::to_string(written) + "/" + std::to_string(total)
                                                 : "Interpolating pair " + std::to_string(std::max(1LL, pairsDone)) + "/" +
                                                       std::to_string((total - 1) / pipe.params_.factor)});
}

bool InterpolationPipeline::State::readsPaused() {
    if (!pipe.governor_->readsPaused()) return false;
    if (pipe.feedGovernor_) pipe.governor_->onStats(pipe.sampler_());
    return pipe.governor_->readsPaused();
}

void InterpolationPipeline::State::fill(int nextToWrite) {
    // Pairs before nextToWrite were bridged over an unreadable frame: never submit them.
    if (!passThrough) submittedPairs = std::max(submittedPairs, nextToWrite);
    // Keep `limits.batch` units in flight ahead of the writer.
    while ((passThrough ? submittedFrames : submittedPairs) < units &&
           (passThrough ? submittedFrames : submittedPairs) < nextToWrite + limits.batch) {
        if (readsPaused()) {
            // Critical: no new reads. Drain what is in flight first; with nothing left, wait for the level
            // to drop (re-sampling, since the CLI has no monitor thread) or for a cancel.
            if ((passThrough ? submittedFrames : submittedPairs) > nextToWrite) break;
            std::this_thread::sleep_for(kPausePoll);
            cancel.throwIfCancelled();
            continue;
        }
        if (passThrough) {
            submitFrame(static_cast<std::size_t>(submittedFrames++));
            continue;
        }
        while (submittedFrames <= submittedPairs + 1) submitFrame(static_cast<std::size_t>(submittedFrames++));
        submitPair(submittedPairs++);
    }
}

// Waits for frame i; its reason when it could not be read (deleted, truncated or replaced since the
// headers were checked). Such a frame is skipped, as if it had not been given.
std::optional<std::string> InterpolationPipeline::State::readFailure(std::size_t i) {
    while (static_cast<std::size_t>(submittedFrames) <= i) submitFrame(static_cast<std::size_t>(submittedFrames++));
    try {
        frames.at(i).get();
        return std::nullopt;
    } catch (const CancelledError&) {
        throw;
    } catch (const SkyweaveError& e) {
        // A file that is as it was when its header was checked is bad input, not a fault of the run.
        if (e.kind() == ErrorKind::Memory || e.kind() == ErrorKind::Internal || !pipe.loader_.changedSinceChecked(i)) throw;
        return causeOnly(e.what(), pipe.loader_.info().frames[i].string());
    }
}

void InterpolationPipeline::State::skip(std::size_t i, const std::string& reason) {
    const auto& path = pipe.loader_.info().frames[i];
    summary.skipped.push_back({path, "unreadable during the run: " + reason});
    total -= passThrough ? 1 : pipe.params_.factor;  // F·(usable − 1) + 1 frames come out
    progress.log(LogLevel::Warning, "Skipping " + path.string() + ": unreadable during the run (" + reason +
                        (passThrough ? ")" : "); interpolating across the gap"));
}

SkyweaveError InterpolationPipeline::State::noFrames() const {
    std::string why = "only " + std::to_string(n - summary.skipped.size()) + " of " + std::to_string(n) +
                      " frames could be read";
    for (const auto& s : summary.skipped) why += "; " + s.path.filename().string() + ": " + s.reason;
    return SkyweaveError(ErrorKind::BadInput, why);
}

// Batch boundary: log memory, release pools, and apply what the governor allows now.
void InterpolationPipeline::State::endOfUnit(bool more) {
    if (++inBatch < limits.batch || !more) return;
    pipe.housekeeping(++batchIndex, progress);
    const ResourceLimits now = pipe.governor_->current();
    if (!(now == limits)) {
        progress.log(LogLevel::Info, "resources: " + std::to_string(now.batch) + " pairs in flight, " +
                            std::to_string(now.workers) + " workers (memory " +
                            std::string(memoryLevelName(pipe.governor_->level())) + ")");
        pipe.pool_.setMaxThreadCount(now.workers);
    }
    limits = now;
    summary.batchSizes.push_back(limits.batch);
    inBatch = 0;
}

void InterpolationPipeline::State::passFrames() {
    for (std::size_t k = 0; k < n; ++k) {
        fill(static_cast<int>(k));
        cancel.throwIfCancelled();
        if (const auto why = readFailure(k)) skip(k, *why);
        else put(frames.at(k).get());
        frames.erase(k);
        endOfUnit(k + 1 < n);
    }
    if (written == 0) throw noFrames();
}

void InterpolationPipeline::State::interpolatePairs() {
    std::size_t a = 0;  // the last input frame written
    fill(0);
    for (; a < n; ++a) {
        const auto why = readFailure(a);
        if (!why) break;
        skip(a, *why);
    }
    if (a + 1 >= n) throw noFrames();
    put(frames.at(a).get());
    for (;;) {
        fill(static_cast<int>(a));
        cancel.throwIfCancelled();
        std::size_t b = a + 1;
        for (; b < n; ++b) {
            const auto why = readFailure(b);
            if (!why) break;
            skip(b, *why);
        }
        if (b >= n) break;
        // Neighbours: the pair computed ahead; across a gap: computed here, on the writer thread.
        const PairResult r = b == a + 1 ? results.at(static_cast<int>(a)).get()
                                        : interpolatePair(frames.at(a).get(), frames.at(b).get(), pipe.params_, &cancel);
        ++pairsDone;
        for (const auto& m : r.frames) put(m);
        cancel.throwIfCancelled();
        put(frames.at(b).get());
        if (r.fellBackToBlend) {
            summary.blendFallbackPairs.push_back(static_cast<int>(a));
            progress.log(LogLevel::Info, "pair " + std::to_string(a + 1) + ": scene change (" +
                                std::to_string(r.sceneChangePercent) + "% difference), cross-faded");
        }
        results.erase(results.begin(), results.lower_bound(static_cast<int>(b)));
        frames.erase(frames.begin(), frames.lower_bound(b));
        a = b;
        endOfUnit(a + 1 < n);
    }
    if (written == 1) throw noFrames();
}

InterpolationSummary InterpolationPipeline::run(FrameSink& sink, ProgressSink& progress, const CancelToken& cancel) {
    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    State state(*this, sink, progress, cancel);
    progress.log(LogLevel::Info, "plan: " + plan_.describe());

    // Abort the sink on every way out but success; wait for the pool so no task outlives the futures' users.
    struct Guard {
        FrameSink& sink;
        QThreadPool& pool;
        const CancelToken& stop;
        bool done = false;
        ~Guard() {
            if (done) return;
            stop.requestCancel();
            pool.waitForDone();
            sink.abort();
        }
    } guard{sink, pool_, state.stop};

    sink.open(loader_.info().format);
    if (state.passThrough) state.passFrames();
    else state.interpolatePairs();
    sink.finish();
    guard.done = true;
    InterpolationSummary summary = std::move(state.summary);
    summary.framesOut = state.written;
    summary.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    summary.peakRssBytes = processPeakRssBytes();
    return summary;
}

}  // namespace skyweave
