#include "interp/InterpolationPipeline.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <functional>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <thread>

#include "TempDir.h"
#include "common/Errors.h"
#include "encode/VideoEncoder.h"
#include "interp/InterpolateRequest.h"
#include "io/PngSequenceSink.h"
#include "memory/MemoryMonitor.h"
#include "memory/ProcReader.h"

using namespace skyweave;
using skyweave::encode::EncodeParams;

namespace {

constexpr std::uint64_t kMiB = 1u << 20;

/// A drifting blob over a gradient: frame k has the blob at x = 10 + 3k.
cv::Mat syntheticFrame(int k, int depth = CV_8U, int w = 96, int h = 64) {
    cv::Mat f(h, w, CV_32F);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) f.at<float>(y, x) = 0.2f + 0.3f * static_cast<float>(x + y) / (w + h);
    cv::circle(f, cv::Point(10 + 3 * k, h / 2), 8, cv::Scalar(0.9), cv::FILLED, cv::LINE_AA);
    cv::GaussianBlur(f, f, cv::Size(), 1.5);
    cv::Mat out;
    f.convertTo(out, depth, depth == CV_16U ? 65535.0 : 255.0);
    return out;
}

std::vector<std::filesystem::path> writeSequence(const test::TempDir& dir, int n, int depth = CV_8U) {
    std::filesystem::create_directory(dir.file("in"));
    std::vector<std::filesystem::path> files;
    for (int k = 0; k < n; ++k) {
        files.push_back(dir.file("in") / ("f" + std::to_string(k) + ".png"));
        EXPECT_TRUE(cv::imwrite(files.back().string(), syntheticFrame(k, depth)));
    }
    return files;
}

/// Calls `onFrame(done)` for every frame written, on the writer thread.
class HookProgress : public ProgressSink {
public:
    explicit HookProgress(std::function<void(std::int64_t)> onFrame) : onFrame_(std::move(onFrame)) {}
    void report(const ProgressUpdate& u) override {
        last = u;
        if (onFrame_) onFrame_(u.done);
    }
    ProgressUpdate last;

private:
    std::function<void(std::int64_t)> onFrame_;
};

std::size_t entries(const std::filesystem::path& dir) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
    return n;
}

cv::Mat readFrame(const std::filesystem::path& folder, int index) {
    return cv::imread((folder / PngSequenceSink::frameName(index)).string(), cv::IMREAD_UNCHANGED);
}

}  // namespace

TEST(InterpolationPipeline, FactorFourWritesInputsAtMultiplesOfFInOrder) {
    test::TempDir dir;
    const auto files = writeSequence(dir, 4);
    SequenceLoader loader({dir.file("in")}, {});
    InterpolationParams p;
    p.factor = 4;
    InterpolationPipeline pipeline(loader, p, MemoryBudget(512 * kMiB), 2);
    EXPECT_EQ(pipeline.outputFrameCount(), 13);
    PngSequenceSink sink(dir.file("out"), false);
    HookProgress progress({});
    const InterpolationSummary s = pipeline.run(sink, progress, CancelToken());
    EXPECT_EQ(s.framesIn, 4);
    EXPECT_EQ(s.framesOut, 13);
    EXPECT_EQ(progress.last.done, 13);
    ASSERT_EQ(entries(dir.file("out")), 13u);
    for (int k = 0; k < 4; ++k)
        EXPECT_EQ(cv::norm(readFrame(dir.file("out"), 4 * k), syntheticFrame(k), cv::NORM_INF), 0.0) << k;
    // In-between frames move the blob forward in time order: its brightest column increases monotonically.
    int lastX = -1;
    for (int i = 0; i < 13; ++i) {
        cv::Point maxLoc;
        cv::minMaxLoc(readFrame(dir.file("out"), i), nullptr, nullptr, nullptr, &maxLoc);
        EXPECT_GE(maxLoc.x, lastX) << "frame " << i;
        lastX = maxLoc.x;
    }
}

TEST(InterpolationPipeline, SixteenBitRoundTrip) {
    test::TempDir dir;
    writeSequence(dir, 3, CV_16U);
    SequenceLoader loader({dir.file("in")}, {});
    ASSERT_EQ(loader.info().format.depth, CV_16U);
    InterpolationPipeline pipeline(loader, {}, MemoryBudget(512 * kMiB), 1);
    PngSequenceSink sink(dir.file("out"), false);
    HookProgress progress({});
    pipeline.run(sink, progress, CancelToken());
    for (int k = 0; k < 3; ++k) {
        const cv::Mat back = readFrame(dir.file("out"), 2 * k);
        ASSERT_EQ(back.type(), CV_16UC1);
        EXPECT_EQ(cv::norm(back, syntheticFrame(k, CV_16U), cv::NORM_INF), 0.0);
    }
    const cv::Mat mid = readFrame(dir.file("out"), 1);
    ASSERT_EQ(mid.type(), CV_16UC1);
    cv::Mat lowBits = mid & cv::Scalar(0xFF);
    EXPECT_GT(cv::countNonZero(lowBits), static_cast<int>(mid.total() / 2));  // not 8-bit data scaled up
}

TEST(InterpolationPipeline, CancelMidRunLeavesNoOutput) {
    test::TempDir dir;
    writeSequence(dir, 8);
    SequenceLoader loader({dir.file("in")}, {});
    InterpolationParams p;
    p.factor = 3;
    InterpolationPipeline pipeline(loader, p, MemoryBudget(512 * kMiB), 2);
    PngSequenceSink sink(dir.file("out"), false);
    CancelToken cancel;
    HookProgress progress([&](std::int64_t done) {
        if (done == 5) cancel.requestCancel();
    });
    EXPECT_THROW(pipeline.run(sink, progress, cancel), CancelledError);
    EXPECT_LE(progress.last.done, 5 + 3);  // stopped within one pair
    EXPECT_FALSE(std::filesystem::exists(dir.file("out")));
    EXPECT_EQ(entries(dir.path()), 1u);  // only the inputs' folder
}

TEST(InterpolationPipeline, RefusesWhenOnePairDoesNotFitTheBudget) {
    test::TempDir dir;
    writeSequence(dir, 2);
    SequenceLoader loader({dir.file("in")}, {});
    try {
        InterpolationPipeline pipeline(loader, {}, MemoryBudget(64 * 1024), 1);
        ADD_FAILURE() << "a 64 KiB budget was accepted";
    } catch (const SkyweaveError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Memory);
        EXPECT_NE(std::string(e.what()).find("--memory-limit"), std::string::npos) << e.what();
    }
}

TEST(InterpolationPipeline, BatchShrinksWhenFakeProcRootReportsLowThenCritical) {
    test::TempDir dir;
    writeSequence(dir, 14);
    const auto root = dir.file("root");
    std::filesystem::create_directories(root / "proc" / "self");
    const auto setAvailableMb = [&](int mb) {
        // Write then rename: the sampler reads concurrently and must never see a half-written file
        // (the kernel's /proc/meminfo is never half-written either).
        const auto tmp = root / "proc" / ("meminfo.tmp" + std::to_string(mb));
        std::ofstream(tmp) << "MemTotal: 4096000 kB\nMemFree: 1024 kB\nMemAvailable: " << mb * 1024 << " kB\n";
        std::filesystem::rename(tmp, root / "proc" / "meminfo");
    };
    setAvailableMb(3000);
    MemorySettings settings;  // 4000 MB total: Low below 500 MB available (90 % used), Critical below 200 MB
    MemoryMonitor monitor(settings, ProcReader(root));
    SequenceLoader loader({dir.file("in")}, {});
    InterpolationPipeline pipeline(loader, {}, MemoryBudget(512 * kMiB), 2, [&] { return monitor.sample(); });
    ASSERT_EQ(pipeline.plan().limits.batch, 4);  // 2 workers + 2 pairs of look-ahead

    std::thread recover;
    std::atomic<bool> critical{false};
    HookProgress progress([&](std::int64_t done) {
        if (done == 3) setAvailableMb(400);  // Low, seen at the end of the first batch
        if (done == 11 && !critical.exchange(true)) {
            setAvailableMb(150);  // Critical: reads pause until memory comes back
            recover = std::thread([&] {
                std::this_thread::sleep_for(std::chrono::milliseconds(400));
                setAvailableMb(3000);
            });
        }
    });
    PngSequenceSink sink(dir.file("out"), false);
    InterpolationSummary s;
    std::string error;
    try {
        s = pipeline.run(sink, progress, CancelToken());
    } catch (const std::exception& e) {
        error = e.what();
    }
    if (recover.joinable()) recover.join();  // before any assertion can return early
    ASSERT_TRUE(error.empty()) << error;
    ASSERT_GE(s.batchSizes.size(), 4u);
    EXPECT_EQ(s.batchSizes[0], 4);
    EXPECT_EQ(s.batchSizes[1], 2);  // Low halves
    EXPECT_EQ(s.batchSizes[2], 1);  // Critical drops to the minimum
    EXPECT_GT(s.batchSizes.back(), 1);  // Normal grows it back
    EXPECT_EQ(s.framesOut, 27);
    EXPECT_EQ(entries(dir.file("out")), 27u);
}

TEST(InterpolationPipeline, PlanReservesTheVideoEncoderBeforeSizingWorkersAndPairs) {
    const FrameFormat hd{1920, 1080, 3, CV_8U};
    EncodeParams video;
    video.outputPath = "out.mp4";
    video.threads = 2;
    const std::uint64_t encoderBytes = estimateEncoderMemory(video, hd).totalBytes();
    ASSERT_GT(encoderBytes, 100 * kMiB);  // x264 medium at 1080p holds hundreds of MB of pictures

    InterpolationParams p;
    MemoryStats stats;
    stats.totalBytes = stats.availableBytes = 64ull << 30;
    const auto costs = InterpolationPipeline::makePlan(hd, 100, p, MemoryBudget(64ull << 30), stats, 2);
    // A limit that holds the PNG route's full window with both workers, but not the encoder besides.
    const std::uint64_t budgetBytes = encoderBytes + costs.frameBytes + costs.perWorkerBytes * 3 / 2 +
                                      costs.perPairBytes * 3;
    ASSERT_GT(budgetBytes, costs.frameBytes + 2 * costs.perWorkerBytes + 4 * costs.perPairBytes);
    stats.totalBytes = stats.availableBytes = budgetBytes;
    const auto png = InterpolationPipeline::makePlan(hd, 100, p, MemoryBudget(budgetBytes), stats, 2);
    const auto mp4 = InterpolationPipeline::makePlan(hd, 100, p, MemoryBudget(budgetBytes), stats, 2, encoderBytes);
    EXPECT_EQ(png.sinkBytes, 0u);
    EXPECT_EQ(mp4.sinkBytes, encoderBytes);
    // Same limit, same frames: the encoder's share leaves room for fewer frames in flight (and workers).
    EXPECT_LT(mp4.limits.batch * mp4.limits.workers, png.limits.batch * png.limits.workers)
        << "png: " << png.describe() << "; mp4: " << mp4.describe();
    EXPECT_LE(mp4.limits.batch, png.limits.batch);
    EXPECT_LE(mp4.limits.workers, png.limits.workers);
    // Everything the plan holds at once stays inside the limit.
    const std::uint64_t planned = mp4.sinkBytes + mp4.frameBytes + mp4.perWorkerBytes * mp4.limits.workers +
                                  mp4.perPairBytes * mp4.limits.batch;
    EXPECT_LE(planned, budgetBytes) << mp4.describe();
    EXPECT_NE(mp4.describe().find("for the sink"), std::string::npos) << mp4.describe();
}

TEST(InterpolationPipeline, LimitBelowTheEncodersOwnNeedIsRefusedNamingIt) {
    const FrameFormat hd{1920, 1080, 3, CV_8U};
    EncodeParams video;
    video.outputPath = "out.mp4";
    const std::uint64_t encoderBytes = estimateEncoderMemory(video, hd).totalBytes();
    const MemoryBudget budget(encoderBytes / 2);
    MemoryStats stats;
    stats.totalBytes = stats.availableBytes = budget.budgetBytes();
    try {
        (void)InterpolationPipeline::makePlan(hd, 10, {}, budget, stats, 2, encoderBytes);
        ADD_FAILURE() << "a limit of half the encoder's need was accepted";
    } catch (const SkyweaveError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Memory);
        const std::string msg = e.what();
        EXPECT_NE(msg.find("video encoder alone needs about " + std::to_string((encoderBytes + (1u << 19)) >> 20) +
                           " MB"),
                  std::string::npos)
            << msg;
        EXPECT_NE(msg.find("--memory-limit"), std::string::npos) << msg;
    }
}

TEST(InterpolationPipeline, RequestToVideoReservesTheEncoderInItsPlan) {
    test::TempDir dir;
    writeSequence(dir, 3);
    InterpolateRequest req;
    req.inputs = {dir.file("in")};
    req.video = EncodeParams{};
    req.video->outputPath = dir.file("out.mp4").string();
    req.budgetBytes = 256 * kMiB;
    req.maxWorkers = 1;
    HookProgress progress({});
    const CancelToken cancel;
    const InterpolateOutcome out = runInterpolateRequest(req, progress, cancel);
    EXPECT_EQ(out.interpolation.plan.sinkBytes,
              estimateEncoderMemory(*req.video, FrameFormat{96, 64, 1, CV_8U}).totalBytes());
    EXPECT_GT(out.interpolation.plan.sinkBytes, 0u);
    EXPECT_EQ(out.interpolation.framesOut, 5);

    // A limit below what the encoder alone holds is refused before anything is written.
    req.video->outputPath = dir.file("small.mp4").string();
    req.budgetBytes = out.interpolation.plan.sinkBytes / 2;
    EXPECT_THROW(runInterpolateRequest(req, progress, cancel), SkyweaveError);
    EXPECT_FALSE(std::filesystem::exists(dir.file("small.mp4")));
}
