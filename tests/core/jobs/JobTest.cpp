#include "jobs/Job.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <atomic>
#include <thread>

#include "common/Errors.h"
#include "jobs/JobRunner.h"
#include "jobs/TaskJob.h"

using skyweave::Job;
using skyweave::JobRunner;

namespace {

/// Counts to `units`, reporting each step; optionally fails or spins until cancelled.
class CountingJob : public Job {
public:
    enum class Mode { Finish, Fail, SpinUntilCancelled };
    CountingJob(int units, Mode mode) : Job("counting"), units_(units), mode_(mode) {}
    std::atomic<int> reached{0};

protected:
    QString execute() override {
        for (int i = 1; i <= units_; ++i) {
            cancelToken().throwIfCancelled();
            reached = i;
            report({i, units_, "step"});
        }
        if (mode_ == Mode::Fail) throw skyweave::SkyweaveError(skyweave::ErrorKind::BadInput, "a.fits: not FITS");
        while (mode_ == Mode::SpinUntilCancelled) {
            cancelToken().throwIfCancelled();
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return QString("counted to %1").arg(units_);
    }

private:
    int units_;
    Mode mode_;
};

bool waitFor(const std::function<bool()>& done, int timeoutMs = 5000) {
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs) QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return done();
}

}  // namespace

TEST(Job, FinishesWithSummaryAndProgress) {
    CountingJob job(5, CountingJob::Mode::Finish);
    QSignalSpy progress(&job, &Job::progressChanged);
    QSignalSpy finished(&job, &Job::finished);
    job.runNow();
    EXPECT_EQ(job.state(), Job::State::Finished);
    ASSERT_EQ(finished.count(), 1);
    EXPECT_EQ(finished.at(0).at(0).toString(), "counted to 5");
    ASSERT_EQ(progress.count(), 5);
    const auto last = progress.last().at(0).value<skyweave::JobProgress>();
    EXPECT_EQ(last.done, 5);
    EXPECT_EQ(last.total, 5);
    EXPECT_DOUBLE_EQ(last.fraction, 1.0);
}

TEST(Job, FailureCarriesTheMessage) {
    CountingJob job(2, CountingJob::Mode::Fail);
    QSignalSpy failed(&job, &Job::failed);
    QSignalSpy finished(&job, &Job::finished);
    job.runNow();
    EXPECT_EQ(job.state(), Job::State::Failed);
    ASSERT_EQ(failed.count(), 1);
    EXPECT_EQ(failed.at(0).at(0).toString(), "a.fits: not FITS");
    EXPECT_EQ(finished.count(), 0);
}

TEST(Job, CancelBeforeStartRunsNothing) {
    CountingJob job(3, CountingJob::Mode::Finish);
    QSignalSpy cancelled(&job, &Job::cancelled);
    job.cancel();
    job.runNow();
    EXPECT_EQ(job.state(), Job::State::Cancelled);
    EXPECT_EQ(cancelled.count(), 1);
    EXPECT_EQ(job.reached.load(), 0);
}

TEST(JobRunner, RunsOffTheCallingThreadAndCancels) {
    JobRunner runner;
    auto job = std::make_shared<CountingJob>(1, CountingJob::Mode::SpinUntilCancelled);
    // Counted where they are emitted (the pool thread): a QSignalSpy would append to its list there
    // while this thread reads it.
    std::atomic<int> cancelled{0}, ended{0};
    QObject::connect(job.get(), &Job::cancelled, [&cancelled] { ++cancelled; });
    QObject::connect(&runner, &JobRunner::jobEnded, [&ended] { ++ended; });
    runner.submit(job);
    ASSERT_TRUE(waitFor([&] { return job->reached.load() == 1; }));
    EXPECT_EQ(job->state(), Job::State::Running);
    runner.cancelAll();
    ASSERT_TRUE(runner.waitForDone(5000));
    ASSERT_TRUE(waitFor([&] { return cancelled.load() == 1 && ended.load() == 1; }));
    EXPECT_EQ(job->state(), Job::State::Cancelled);
    EXPECT_EQ(runner.activeJobCount(), 0);
}

TEST(JobRunner, DeliversSignalsToTheOwningThread) {
    JobRunner runner;
    auto job = std::make_shared<CountingJob>(3, CountingJob::Mode::Finish);
    Qt::HANDLE receiverThread = nullptr;
    QObject context;
    QObject::connect(job.get(), &Job::finished, &context, [&](const QString&) {
        receiverThread = QThread::currentThreadId();
    });
    runner.submit(job);
    ASSERT_TRUE(waitFor([&] { return receiverThread != nullptr; }));
    EXPECT_EQ(receiverThread, QThread::currentThreadId());
}

TEST(TaskJob, RunsItsCallableAndEndsWithItsSummaryOrItsCancel) {
    JobRunner runner;
    auto result = std::make_shared<int>(0);
    auto done = std::make_shared<skyweave::TaskJob>("sum", [result](skyweave::ProgressSink& p, const skyweave::CancelToken&) {
        for (int i = 1; i <= 4; ++i) {
            *result += i;
            p.report({i, 4, "adding"});
        }
        return QString("sum %1").arg(*result);
    });
    std::atomic<int> finished{0};
    QObject::connect(done.get(), &Job::finished, [&finished](const QString& s) { finished += s == "sum 10"; });
    runner.submit(done);
    ASSERT_TRUE(runner.waitForDone(5000));
    EXPECT_EQ(finished.load(), 1);
    EXPECT_EQ(*result, 10);

    std::atomic<bool> started{false};
    auto spinning = std::make_shared<skyweave::TaskJob>("spin", [&started](skyweave::ProgressSink&, const skyweave::CancelToken& c) {
        started = true;
        for (;;) {
            c.throwIfCancelled();
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return QString();
    });
    runner.submit(spinning);
    ASSERT_TRUE(waitFor([&] { return started.load(); }));
    runner.cancelAll();
    ASSERT_TRUE(runner.waitForDone(5000));
    EXPECT_EQ(spinning->state(), Job::State::Cancelled);
}
