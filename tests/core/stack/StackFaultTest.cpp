// Faults during a stack run through the Job API: a frame that becomes unreadable mid-run, cancel at
// seeded random points, and a memory-pressure walk Normal → Low → Critical → Normal.
#include "jobs/StackJob.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

#include "FakeProcRoot.h"
#include "FaultSupport.h"
#include "JobFaults.h"
#include "StackTestFrames.h"
#include "TempDir.h"
#include "common/Errors.h"
#include "memory/MemoryMonitor.h"
#include "stack/StackEngine.h"
#include "stack/StripPlanner.h"

using namespace skyweave;
namespace fs = std::filesystem;

namespace {

constexpr int kW = 128, kH = 256, kN = 6, kRowsPerStrip = 8;
constexpr std::size_t kHeaderOnlyBytes = 2880;  // one FITS header block: the data unit is gone

/// Params whose memory limit yields strips of kRowsPerStrip rows on 2 workers (32 strips), so faults land
/// mid-run.
StackParams stripedParams(const std::vector<fs::path>& inputs, const fs::path& out) {
    StackParams p;
    p.inputs = inputs;
    p.output = out;
    p.threads = 2;
    p.combine.method = CombineMethod::Average;
    p.combine.rejection.method = RejectionMethod::Sigma;
    StripPlanner::Input in;
    in.width = kW, in.height = kH, in.frameCount = static_cast<int>(inputs.size());
    for (const auto& f : inputs) in.headerBytes += fits::FitsReader::readSummary(f).headerCards.size();
    p.memoryLimitBytes =
        StripPlanner::fixedBytes(in) + 2 * StripPlanner::stripBytes(in, kRowsPerStrip, in.frameCount, false);
    return p;
}

/// The stacked image of two outputs is bit for bit the same (headers differ: dates, skipped frames).
bool samePixels(const fs::path& a, const fs::path& b) {
    const auto pa = test::readPixels(a), pb = test::readPixels(b);
    return !pa.empty() && pa.size() == pb.size() &&
           std::memcmp(pa.data(), pb.data(), pa.size() * sizeof(float)) == 0;
}

/// The combine's strip number (1-based) from a "Combined strip k (rows …)" update.
std::optional<std::int64_t> combinedStrip(const JobProgress& p) {
    if (!p.stage.startsWith("Combined strip")) return std::nullopt;
    return p.stage.section(' ', 2, 2).toLongLong();
}

void onStrip(Job& job, std::function<void(std::int64_t)> atStrip) {
    test::onUnit(job, combinedStrip, std::move(atStrip));
}

class StackFault : public ::testing::Test {
protected:
    void SetUp() override {
        frames_ = test::writeNoisyFrames(dir_.path(), kN, kW, kH, 7);
        fs::create_directory(dir_.file("out"));
    }
    fs::path out(const std::string& name) const { return dir_.file("out") / name; }

    test::TempDir dir_;
    std::vector<fs::path> frames_;
};

}  // namespace

TEST_F(StackFault, FrameTruncatedMidRunIsSkippedAndTheResultIsTheStackOfTheRest) {
    const std::uint64_t limitBytes = stripedParams(frames_, out("x")).memoryLimitBytes;
    auto job = std::make_shared<StackJob>(StackRequest{stripedParams(frames_, out("faulted.fits"))});
    test::JobWatch watch(*job);
    std::atomic<bool> truncated{false};
    onStrip(*job, [&](std::int64_t strip) {
        // The frame is open and was checked; its rows for the strips still to come vanish now.
        if (strip >= 3 && !truncated.exchange(true)) fs::resize_file(frames_[3], kHeaderOnlyBytes);
    });
    test::runToEnd(job);
    ASSERT_TRUE(watch.finished) << watch.failure;
    ASSERT_TRUE(job->outcome());
    const StackResult& r = job->outcome()->result;
    ASSERT_EQ(r.skipped.size(), 1u);
    EXPECT_EQ(r.skipped[0].path, frames_[3]);
    EXPECT_NE(r.skipped[0].reason.find("became unreadable during the run"), std::string::npos)
        << r.skipped[0].reason;
    EXPECT_EQ(r.used.size(), static_cast<std::size_t>(kN - 1));
    EXPECT_TRUE(
        watch.logged("skipping " + QString::fromStdString(frames_[3].string()).toLower().toStdString()))
        << "the job log names the skipped frame";

    auto rest = frames_;
    rest.erase(rest.begin() + 3);
    StackParams clean = stripedParams(rest, out("rest.fits"));
    clean.memoryLimitBytes = limitBytes;
    NullProgressSink quiet;
    StackEngine(clean, quiet, CancelToken()).run();
    EXPECT_TRUE(samePixels(out("faulted.fits"), out("rest.fits")))
        << "result differs from the stack of the other frames";
    EXPECT_EQ(test::listing(dir_.file("out")), (std::set<std::string>{"faulted.fits", "rest.fits"}));
}

TEST_F(StackFault, ReferenceFrameUnreadableMidRunFailsNamingItAndWritesNothing) {
    auto job = std::make_shared<StackJob>(StackRequest{stripedParams(frames_, out("ref.fits"))});
    test::JobWatch watch(*job);
    std::atomic<bool> truncated{false};
    onStrip(*job, [&](std::int64_t strip) {
        if (strip >= 2 && !truncated.exchange(true)) fs::resize_file(frames_[0], kHeaderOnlyBytes);
    });
    test::runToEnd(job);
    EXPECT_FALSE(watch.finished);
    EXPECT_NE(watch.failure.find(frames_[0].string()), std::string::npos) << watch.failure;
    EXPECT_NE(watch.failure.find("reference frame became unreadable"), std::string::npos) << watch.failure;
    EXPECT_TRUE(fs::is_empty(dir_.file("out")));
}

TEST_F(StackFault, CancelAtSeededRandomPointsLeavesNoOutputNoTemporaryNoThread) {
    // 32 strips; timed rounds take ≥ 32 ms (2 ms a strip on 2 workers), delays up to 20 ms.
    test::cancelAtSeededPoints(
        [&] { return std::make_shared<StackJob>(StackRequest{stripedParams(frames_, out("cancelled.fits"))}); },
        combinedStrip, [&] { fs::remove(out("cancelled.fits")); },
        [&] { return fs::is_empty(dir_.file("out")); }, 20250901, 28, 20000);
}

TEST_F(StackFault, PressureWalkShrinksRecoversAndKeepsTheResultBitIdentical) {
    NullProgressSink quiet;
    StackEngine(stripedParams(frames_, out("calm.fits")), quiet, CancelToken()).run();

    test::FakeProcRoot fake;
    fake.setSystem(8000, 4000);  // Normal
    fake.setProcess(100, 120);
    MemoryMonitor monitor(MemorySettings{}, ProcReader(fake.root()));
    monitor.setReleaseOnCritical(false);
    auto job = std::make_shared<StackJob>(StackRequest{stripedParams(frames_, out("pressed.fits"))}, &monitor);
    test::JobWatch watch(*job);
    // Stages: 0 calm, 1 going Low, 2 Low, 3 Critical until recovered, 4 recovered. While a level is being
    // applied every worker's next report waits, so the walk is the same however threads are scheduled.
    enum Stage { kCalm, kGoingLow, kLow, kCritical, kRecovered };
    std::atomic<int> stage{kCalm};
    std::atomic<std::int64_t> lowAt{0};
    const auto waitWhile = [](const std::function<bool()>& busy) {
        for (int ms = 0; busy() && ms < 10000; ++ms)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    };
    onStrip(*job, [&](std::int64_t strip) {
        waitWhile([&] { return stage.load() == kGoingLow; });
        int expected = kCalm;
        if (strip >= 4 && stage.compare_exchange_strong(expected, kGoingLow)) {
            fake.setSystem(8000, 400);  // Low: fewer workers from the next strip on
            monitor.sample();
            lowAt = strip;
            stage = kLow;
            return;
        }
        // At most one strip per worker was taken before Low applied: three strips later one was taken after.
        expected = kLow;
        if (strip >= lowAt + 3 && stage.compare_exchange_strong(expected, kCritical)) {
            fake.setSystem(8000, 100);  // Critical: reads pause until a Normal sample arrives
            monitor.sample();
        }
        waitWhile([&] { return stage.load() == kCritical; });
    });
    // Memory comes back once the job has paused its reads: a helper thread (as the monitor's own would)
    // samples Normal, which resumes reads and grows the workers again.
    std::promise<void> paused;
    std::once_flag pausedOnce;
    QObject::connect(
        job.get(), &Job::resourcesAdjusted, job.get(),
        [&](const QString& why) {
            if (why.contains("paused new reads", Qt::CaseInsensitive))
                std::call_once(pausedOnce, [&] { paused.set_value(); });
        },
        Qt::DirectConnection);
    std::thread recover([&, whenPaused = paused.get_future()]() mutable {
        if (whenPaused.wait_for(std::chrono::seconds(60)) != std::future_status::ready) return;
        fake.setSystem(8000, 4000);
        monitor.sample();
        stage = kRecovered;
    });
    test::runToEnd(job);
    std::call_once(pausedOnce, [&] { paused.set_value(); });  // never paused: let the helper end
    recover.join();
    ASSERT_TRUE(watch.finished) << watch.failure;

    const StackResult& r = job->outcome()->result;
    std::string limits;
    for (int w : r.workerLimits) limits += std::to_string(w) + " ";
    ASSERT_GE(r.workerLimits.size(), 3u) << limits << "\n" << watch.allAdjustments();
    EXPECT_EQ(r.workerLimits.front(), 2);
    EXPECT_EQ(*std::min_element(r.workerLimits.begin(), r.workerLimits.end()), 1) << "workers never dropped";
    EXPECT_EQ(r.workerLimits.back(), 2) << "workers never came back";
    const std::string all = watch.allAdjustments();
    EXPECT_NE(all.find("memory low"), std::string::npos) << all;
    EXPECT_NE(all.find("paused new reads"), std::string::npos) << all;
    EXPECT_NE(all.find("resumed reads"), std::string::npos) << all;
    EXPECT_TRUE(samePixels(out("pressed.fits"), out("calm.fits"))) << "pressure changed the result";
}
