// Faults during a stack run through the Job API: a frame that becomes unreadable mid-run, cancel at
// seeded random points, and a memory-pressure walk Normal → Low → Critical → Normal.
#include "stack/StackJob.h"

#include <gtest/gtest.h>

#include <QThreadPool>
#include <atomic>
#include <chrono>
#include <cstring>
#include <mutex>
#include <random>
#include <thread>

#include "FakeProcRoot.h"
#include "FaultSupport.h"
#include "StackTestFrames.h"
#include "TempDir.h"
#include "common/Errors.h"
#include "jobs/JobRunner.h"
#include "memory/MemoryMonitor.h"
#include "stack/StackEngine.h"
#include "stack/StripPlanner.h"

using namespace skyweave;
namespace fs = std::filesystem;

namespace {

constexpr int kW = 128, kH = 256, kN = 6, kRowsPerStrip = 8;
constexpr std::size_t kHeaderOnlyBytes = 2880;  // one FITS header block: the data unit is gone

/// Params whose memory limit yields strips of kRowsPerStrip rows on 2 workers (32 strips), so faults land mid-run.
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
    p.memoryLimitBytes = StripPlanner::fixedBytes(in) + 2 * StripPlanner::stripBytes(in, kRowsPerStrip, in.frameCount, false);
    return p;
}

/// The stacked image of two outputs is bit for bit the same (headers differ: dates, skipped frames).
bool samePixels(const fs::path& a, const fs::path& b) {
    const auto pa = test::readPixels(a), pb = test::readPixels(b);
    return !pa.empty() && pa.size() == pb.size() && std::memcmp(pa.data(), pb.data(), pa.size() * sizeof(float)) == 0;
}

/// Runs a job on its own JobRunner and returns once it has ended; observers are connected before it starts.
void runToEnd(const std::shared_ptr<Job>& job) {
    JobRunner runner;
    runner.submit(job);
    ASSERT_TRUE(runner.waitForDone(60000));
}

/// Collects a job's log lines, terminal signal and resource changes (direct connections: any thread).
struct JobWatch {
    std::mutex mutex;
    std::vector<std::string> log, adjustments;
    std::string failure;
    bool cancelled = false, finished = false;

    explicit JobWatch(Job& job) {
        QObject::connect(&job, &Job::logMessage, &job, [this](int, const QString& m) { add(log, m); }, Qt::DirectConnection);
        QObject::connect(&job, &Job::resourcesAdjusted, &job, [this](const QString& m) { add(adjustments, m); },
                         Qt::DirectConnection);
        QObject::connect(&job, &Job::failed, &job, [this](const QString& m) { failure = m.toStdString(); }, Qt::DirectConnection);
        QObject::connect(&job, &Job::cancelled, &job, [this] { cancelled = true; }, Qt::DirectConnection);
        QObject::connect(&job, &Job::finished, &job, [this] { finished = true; }, Qt::DirectConnection);
    }
    void add(std::vector<std::string>& to, const QString& m) {
        std::lock_guard lock(mutex);
        to.push_back(m.toStdString());
    }
    bool logged(const std::string& part) {
        std::lock_guard lock(mutex);
        for (const auto& l : log)
            if (l.find(part) != std::string::npos) return true;
        return false;
    }
};

/// Calls `atStrip(k)` on the worker that finished strip k (1-based) of the combine.
void onStrip(Job& job, std::function<void(std::int64_t)> atStrip) {
    QObject::connect(&job, &Job::progressChanged, &job,
                     [atStrip = std::move(atStrip)](const JobProgress& p) {
                         if (p.stage.startsWith("Combined strip")) atStrip(p.stage.section(' ', 2, 2).toLongLong());
                     },
                     Qt::DirectConnection);
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
    auto job = std::make_shared<StackJob>(stripedParams(frames_, out("faulted.fits")));
    JobWatch watch(*job);
    std::atomic<bool> truncated{false};
    onStrip(*job, [&](std::int64_t strip) {
        // The frame is open and was checked; its rows for the strips still to come vanish now.
        if (strip >= 3 && !truncated.exchange(true)) fs::resize_file(frames_[3], kHeaderOnlyBytes);
    });
    runToEnd(job);
    ASSERT_TRUE(watch.finished) << watch.failure;
    ASSERT_TRUE(job->result());
    const StackResult& r = *job->result();
    ASSERT_EQ(r.skipped.size(), 1u);
    EXPECT_EQ(r.skipped[0].path, frames_[3]);
    EXPECT_NE(r.skipped[0].reason.find("became unreadable during the run"), std::string::npos) << r.skipped[0].reason;
    EXPECT_EQ(r.used.size(), static_cast<std::size_t>(kN - 1));
    EXPECT_TRUE(watch.logged("Skipping " + frames_[3].string())) << "the job log names the skipped frame";

    auto rest = frames_;
    rest.erase(rest.begin() + 3);
    StackParams clean = stripedParams(rest, out("rest.fits"));
    clean.memoryLimitBytes = stripedParams(frames_, out("x")).memoryLimitBytes;
    NullProgressSink quiet;
    StackEngine(clean, quiet, CancelToken()).run();
    EXPECT_TRUE(samePixels(out("faulted.fits"), out("rest.fits"))) << "result differs from the stack of the other frames";
    EXPECT_EQ(test::listing(dir_.file("out")), (std::set<std::string>{"faulted.fits", "rest.fits"}));
}

TEST_F(StackFault, ReferenceFrameUnreadableMidRunFailsNamingItAndWritesNothing) {
    auto job = std::make_shared<StackJob>(stripedParams(frames_, out("ref.fits")));
    JobWatch watch(*job);
    std::atomic<bool> truncated{false};
    onStrip(*job, [&](std::int64_t strip) {
        if (strip >= 2 && !truncated.exchange(true)) fs::resize_file(frames_[0], kHeaderOnlyBytes);
    });
    runToEnd(job);
    EXPECT_FALSE(watch.finished);
    EXPECT_NE(watch.failure.find(frames_[0].string()), std::string::npos) << watch.failure;
    EXPECT_NE(watch.failure.find("reference frame became unreadable"), std::string::npos) << watch.failure;
    EXPECT_TRUE(fs::is_empty(dir_.file("out")));
}

TEST_F(StackFault, CancelAtSeededRandomPointsLeavesNoOutputNoTemporaryNoThread) {
    {  // warm-up: OpenCV and Qt start their lasting helper threads once, before the baseline is taken
        auto job = std::make_shared<StackJob>(stripedParams(frames_, out("warm.fits")));
        runToEnd(job);
        fs::remove(out("warm.fits"));
    }
    const int baseline = test::quietThreadCount();
    const int poolBaseline = QThreadPool::globalInstance()->activeThreadCount();
    std::mt19937 rng(20250901);
    for (int round = 0; round < 6; ++round) {
        auto job = std::make_shared<StackJob>(stripedParams(frames_, out("cancelled.fits")));
        JobWatch watch(*job);
        const bool byProgress = round % 2 == 0;
        const int atStrip = std::uniform_int_distribution<int>(1, 28)(rng);
        const int afterUs = std::uniform_int_distribution<int>(0, 20000)(rng);
        onStrip(*job, [&, atStrip, byProgress](std::int64_t strip) {
            if (byProgress && strip >= atStrip) job->cancel();
            // Timed rounds: a slow disk (2 ms a strip, ≥ 32 ms a run), so every delay lands mid-run.
            if (!byProgress) std::this_thread::sleep_for(std::chrono::milliseconds(2));
        });
        {
            JobRunner runner;
            runner.submit(job);
            if (!byProgress) {
                std::this_thread::sleep_for(std::chrono::microseconds(afterUs));
                job->cancel();
            }
            ASSERT_TRUE(runner.waitForDone(60000));
        }
        const std::string where = byProgress ? "at strip " + std::to_string(atStrip) : "after " + std::to_string(afterUs) + " µs";
        EXPECT_TRUE(watch.cancelled) << where << (watch.finished ? ": finished before the cancel" : ": " + watch.failure);
        EXPECT_EQ(job->state(), Job::State::Cancelled) << where;
        EXPECT_TRUE(fs::is_empty(dir_.file("out"))) << where << ": something was left in the output folder";
        EXPECT_EQ(test::settledThreadCount(baseline), baseline) << where << ": a thread outlived the job (" << test::threadNames() << ")";
        EXPECT_EQ(QThreadPool::globalInstance()->activeThreadCount(), poolBaseline) << where;
    }
}

TEST_F(StackFault, PressureWalkShrinksRecoversAndKeepsTheResultBitIdentical) {
    NullProgressSink quiet;
    StackEngine(stripedParams(frames_, out("calm.fits")), quiet, CancelToken()).run();

    test::FakeProcRoot fake;
    fake.setSystem(8000, 4000);  // Normal
    fake.setProcess(100, 120);
    MemoryMonitor monitor(MemorySettings{}, ProcReader(fake.root()));
    monitor.setReleaseOnCritical(false);
    auto job = std::make_shared<StackJob>(stripedParams(frames_, out("pressed.fits")), &monitor);
    JobWatch watch(*job);
    std::atomic<int> stage{0};
    onStrip(*job, [&](std::int64_t strip) {
        int expected = 0;
        if (strip >= 4 && stage.compare_exchange_strong(expected, 1)) {
            fake.setSystem(8000, 400);  // Low
            monitor.sample();           // seen now, on this worker: the next strips run with fewer workers
        }
        expected = 1;
        if (strip >= 12 && stage.compare_exchange_strong(expected, 2)) {
            fake.setSystem(8000, 100);  // Critical: reads pause until the monitor thread sees Normal again
            monitor.sample();
        }
    });
    // Memory comes back once the job has paused its reads; the sampling thread then resumes and grows it.
    QObject::connect(job.get(), &Job::resourcesAdjusted, job.get(), [&](const QString& why) {
        if (why.contains("paused new reads", Qt::CaseInsensitive)) fake.setSystem(8000, 4000);
    }, Qt::DirectConnection);
    monitor.start(10);
    runToEnd(job);
    monitor.stop();
    ASSERT_TRUE(watch.finished) << watch.failure;

    const StackResult& r = *job->result();
    ASSERT_GE(r.workerLimits.size(), 3u);
    EXPECT_EQ(r.workerLimits.front(), 2);
    EXPECT_EQ(*std::min_element(r.workerLimits.begin(), r.workerLimits.end()), 1) << "workers never dropped";
    EXPECT_EQ(r.workerLimits.back(), 2) << "workers never came back";
    std::string all;
    for (const auto& a : watch.adjustments) all += QString::fromStdString(a).toLower().toStdString() + "\n";
    EXPECT_NE(all.find("memory low"), std::string::npos) << all;
    EXPECT_NE(all.find("paused new reads"), std::string::npos) << all;
    EXPECT_NE(all.find("resumed reads"), std::string::npos) << all;
    EXPECT_TRUE(samePixels(out("pressed.fits"), out("calm.fits"))) << "pressure changed the result";
}
