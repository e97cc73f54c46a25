// Faults during an interpolation run through the Job API: frames that become unreadable mid-run,
// cancel at seeded random points, and a memory-pressure walk Normal → Low → Critical → Normal.
#include "jobs/InterpolateJob.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <optional>

#include "FakeProcRoot.h"
#include "FaultSupport.h"
#include "JobFaults.h"
#include "TempDir.h"
#include "io/PngSequenceSink.h"
#include "memory/MemoryMonitor.h"

using namespace skyweave;
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kBudgetBytes = 512ULL << 20;

/// "f10.png", "f11.png", … (built by appending: GCC 12 warns falsely on "literal" + std::string).
std::string pngName(int k) {
    std::string name = "f";
    name += std::to_string(10 + k);
    name += ".png";
    return name;
}

/// A drifting blob over a gradient: frame k has the blob at x = 12 + 4k.
cv::Mat blobFrame(int k, int w = 128, int h = 64) {
    cv::Mat f(h, w, CV_32F);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) f.at<float>(y, x) = 0.2f + 0.3f * static_cast<float>(x + y) / (w + h);
    cv::circle(f, cv::Point(12 + 4 * k, h / 2), 9, cv::Scalar(0.9), cv::FILLED, cv::LINE_AA);
    cv::GaussianBlur(f, f, cv::Size(), 1.5);
    cv::Mat out;
    f.convertTo(out, CV_8U, 255.0);
    return out;
}

std::vector<fs::path> writeBlobs(const fs::path& folder, int n) {
    fs::create_directories(folder);
    std::vector<fs::path> files;
    for (int k = 0; k < n; ++k) {
        files.push_back(folder / pngName(k));
        EXPECT_TRUE(cv::imwrite(files.back().string(), blobFrame(k)));
    }
    return files;
}

InterpolateRequest framesRequest(std::vector<fs::path> inputs, const fs::path& out, int workers) {
    InterpolateRequest r;
    r.inputs = std::move(inputs);
    r.interpolation.factor = 2;
    r.framesFolder = out;
    r.budgetBytes = kBudgetBytes;
    r.maxWorkers = workers;
    return r;
}

/// Frames of two PNG folders are equal pixel for pixel, and there are as many.
::testing::AssertionResult sameFrames(const fs::path& a, const fs::path& b) {
    const auto na = test::listing(a).size(), nb = test::listing(b).size();
    if (na != nb || na == 0) return ::testing::AssertionFailure() << na << " frames vs " << nb;
    for (std::size_t i = 0; i < na; ++i) {
        const cv::Mat fa = cv::imread((a / PngSequenceSink::frameName(static_cast<long long>(i))).string(),
                                      cv::IMREAD_UNCHANGED);
        const cv::Mat fb = cv::imread((b / PngSequenceSink::frameName(static_cast<long long>(i))).string(),
                                      cv::IMREAD_UNCHANGED);
        if (fa.empty() || fa.size() != fb.size() || fa.type() != fb.type() ||
            cv::norm(fa, fb, cv::NORM_INF) != 0.0)
            return ::testing::AssertionFailure() << "frame " << i << " differs";
    }
    return ::testing::AssertionSuccess();
}

/// Output frames written so far: every progress update of an interpolation counts one.
std::optional<std::int64_t> framesWritten(const JobProgress& p) {
    return p.done;
}

void onFrame(Job& job, std::function<void(std::int64_t)> atFrame) {
    test::onUnit(job, framesWritten, std::move(atFrame));
}

}  // namespace

TEST(InterpolateFault, FramesUnreadableMidRunAreSkippedAndInterpolatedAcross) {
    test::TempDir dir;
    auto files = writeBlobs(dir.file("in"), 12);
    // One worker keeps at most 3 pairs (frames 0–3) in flight when the first frame is written, so
    // frames 7 and 9 are still unread when they go.
    auto job = std::make_shared<InterpolateJob>(framesRequest({dir.file("in")}, dir.file("faulted"), 1));
    test::JobWatch watch(*job);
    std::atomic<bool> done{false};
    onFrame(*job, [&](std::int64_t written) {
        if (written != 1 || done.exchange(true)) return;
        fs::remove(files[7]);
        fs::resize_file(files[9], fs::file_size(files[9]) / 2);
    });
    test::runToEnd(job);
    ASSERT_TRUE(watch.finished) << watch.failure;
    const auto& s = job->outcome()->interpolation;
    ASSERT_EQ(s.skipped.size(), 2u);
    EXPECT_EQ(s.skipped[0].path, files[7]);
    EXPECT_EQ(s.skipped[1].path, files[9]);
    for (const auto& k : s.skipped)
        EXPECT_NE(k.reason.find("unreadable during the run"), std::string::npos) << k.reason;
    EXPECT_EQ(s.framesOut, 2 * (12 - 2 - 1) + 1);
    EXPECT_TRUE(
        watch.logged("skipping " + QString::fromStdString(files[7].string()).toLower().toStdString()));

    // The same as a run given only the ten frames that stayed readable.
    fs::create_directory(dir.file("rest"));
    for (int k : {0, 1, 2, 3, 4, 5, 6, 8, 10, 11})
        fs::copy_file(dir.file("in") / pngName(k), dir.file("rest") / pngName(k));
    auto clean = std::make_shared<InterpolateJob>(framesRequest({dir.file("rest")}, dir.file("expected"), 1));
    test::runToEnd(clean);
    ASSERT_EQ(clean->state(), Job::State::Finished);
    EXPECT_TRUE(sameFrames(dir.file("faulted"), dir.file("expected")));
}

TEST(InterpolateFault, CancelAtSeededRandomPointsLeavesNoOutputNoTemporaryNoThread) {
    test::TempDir dir;
    writeBlobs(dir.file("in"), 10);
    const std::set<std::string> inputsOnly = test::listing(dir.path());
    // 19 frames; timed rounds take ≥ 38 ms (2 ms a frame), delays up to 25 ms.
    test::cancelAtSeededPoints(
        [&] { return std::make_shared<InterpolateJob>(framesRequest({dir.file("in")}, dir.file("out"), 2)); },
        framesWritten, [&] { fs::remove_all(dir.file("out")); },
        [&] { return test::listing(dir.path()) == inputsOnly; }, 424242, 17, 25000);
}

TEST(InterpolateFault, PressureWalkShrinksRecoversAndKeepsTheFramesBitIdentical) {
    test::TempDir dir;
    writeBlobs(dir.file("in"), 14);
    auto calm = std::make_shared<InterpolateJob>(framesRequest({dir.file("in")}, dir.file("calm"), 2));
    test::runToEnd(calm);
    ASSERT_EQ(calm->state(), Job::State::Finished);

    test::FakeProcRoot fake;
    fake.setSystem(8000, 4000);  // Normal
    fake.setProcess(100, 120);
    MemoryMonitor monitor(MemorySettings{}, ProcReader(fake.root()));
    monitor.setReleaseOnCritical(false);
    auto job =
        std::make_shared<InterpolateJob>(framesRequest({dir.file("in")}, dir.file("pressed"), 2), &monitor);
    test::JobWatch watch(*job);
    std::atomic<int> stage{0};
    onFrame(*job, [&](std::int64_t written) {
        int expected = 0;
        if (written >= 3 && stage.compare_exchange_strong(expected, 1)) fake.setSystem(8000, 400);  // Low
        expected = 1;
        if (written >= 11 && stage.compare_exchange_strong(expected, 2))
            fake.setSystem(8000, 100);  // Critical
    });
    // Memory comes back once the job has paused its reads; the pipeline's next sample sees it and grows
    // again.
    QObject::connect(
        job.get(), &Job::resourcesAdjusted, job.get(),
        [&](const QString& why) {
            if (why.contains("paused new reads", Qt::CaseInsensitive)) fake.setSystem(8000, 4000);
        },
        Qt::DirectConnection);
    test::runToEnd(job);
    ASSERT_TRUE(watch.finished) << watch.failure;

    const auto& b = job->outcome()->interpolation.batchSizes;
    ASSERT_GE(b.size(), 4u);
    EXPECT_EQ(b.front(), 4);  // 2 workers + 2 pairs of look-ahead
    const auto halved = std::find(b.begin(), b.end(), 2), minimum = std::find(b.begin(), b.end(), 1);
    EXPECT_TRUE(halved < minimum && minimum != b.end()) << "the window did not go 4 → 2 (Low) → 1 (Critical)";
    EXPECT_GT(b.back(), 1) << "the window never grew back";
    const std::string all = watch.allAdjustments();
    EXPECT_NE(all.find("memory low"), std::string::npos) << all;
    EXPECT_NE(all.find("paused new reads"), std::string::npos) << all;
    EXPECT_NE(all.find("resumed reads"), std::string::npos) << all;
    EXPECT_TRUE(sameFrames(dir.file("pressed"), dir.file("calm"))) << "pressure changed the frames";
}
