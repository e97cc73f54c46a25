#pragma once

#include <gtest/gtest.h>

#include <QThreadPool>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "FaultSupport.h"
#include "jobs/Job.h"
#include "jobs/JobRunner.h"

namespace skyweave::test {

/// Log lines, terminal signal and resource changes of a job (direct connections: any thread). Lower case.
struct JobWatch {
    std::mutex mutex;
    std::vector<std::string> log, adjustments;
    std::string failure;
    bool cancelled = false, finished = false;

    explicit JobWatch(Job& job) {
        QObject::connect(
            &job, &Job::logMessage, &job, [this](int, const QString& m) { add(log, m); },
            Qt::DirectConnection);
        QObject::connect(
            &job, &Job::resourcesAdjusted, &job, [this](const QString& m) { add(adjustments, m); },
            Qt::DirectConnection);
        QObject::connect(
            &job, &Job::failed, &job, [this](const QString& m) { failure = m.toStdString(); },
            Qt::DirectConnection);
        QObject::connect(
            &job, &Job::cancelled, &job, [this] { cancelled = true; }, Qt::DirectConnection);
        QObject::connect(
            &job, &Job::finished, &job, [this] { finished = true; }, Qt::DirectConnection);
    }
    void add(std::vector<std::string>& to, const QString& m) {
        std::lock_guard lock(mutex);
        to.push_back(m.toLower().toStdString());
    }
    bool logged(const std::string& lowerCasePart) {
        std::lock_guard lock(mutex);
        for (const auto& l : log)
            if (l.find(lowerCasePart) != std::string::npos) return true;
        return false;
    }
    std::string allAdjustments() {
        std::lock_guard lock(mutex);
        std::string all;
        for (const auto& a : adjustments) all += a + "\n";
        return all;
    }
};

/// Runs a job on its own JobRunner and returns once it has ended; connect observers before.
inline void runToEnd(const std::shared_ptr<Job>& job) {
    JobRunner runner;
    runner.submit(job);
    ASSERT_TRUE(runner.waitForDone(60000));
}

/// Which unit a progress update finished (strip, frame), or nothing for other updates.
using UnitOf = std::function<std::optional<std::int64_t>(const JobProgress&)>;

/// Calls `atUnit(k)` on the job's thread whenever `unitOf` recognises an update.
inline void onUnit(Job& job, UnitOf unitOf, std::function<void(std::int64_t)> atUnit) {
    QObject::connect(
        &job, &Job::progressChanged, &job,
        [unitOf = std::move(unitOf), atUnit = std::move(atUnit)](const JobProgress& p) {
            if (const auto k = unitOf(p)) atUnit(*k);
        },
        Qt::DirectConnection);
}

/**
 * @brief Cancels `rounds` jobs from `makeJob` at seeded random points and checks that each leaves nothing.
 *
 * Even rounds cancel when unit k ∈ [1, maxUnit] is done (from the job's own thread); odd rounds cancel
 * from this thread after a random delay ∈ [0, maxDelayUs], while every unit takes 2 ms longer (a slow
 * disk) so that the delay lands mid-run. After each round: Cancelled, `nothingLeft()` holds, and the
 * thread count is back at its baseline (taken after one warm-up run, which starts OpenCV's and Qt's
 * lasting helper threads).
 */
inline void cancelAtSeededPoints(const std::function<std::shared_ptr<Job>()>& makeJob, const UnitOf& unitOf,
                                 const std::function<void()>& cleanUp,
                                 const std::function<bool()>& nothingLeft, unsigned seed, int maxUnit,
                                 int maxDelayUs, int rounds = 6) {
    runToEnd(makeJob());
    cleanUp();
    const int baseline = quietThreadCount();
    const int poolBaseline = QThreadPool::globalInstance()->activeThreadCount();
    std::mt19937 rng(seed);
    for (int round = 0; round < rounds; ++round) {
        auto job = makeJob();
        JobWatch watch(*job);
        const bool byProgress = round % 2 == 0;
        const int atUnit = std::uniform_int_distribution<int>(1, maxUnit)(rng);
        const int afterUs = std::uniform_int_distribution<int>(0, maxDelayUs)(rng);
        onUnit(*job, unitOf, [&job, atUnit, byProgress](std::int64_t k) {
            if (byProgress && k >= atUnit) job->cancel();
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
        const std::string where =
            byProgress ? "at unit " + std::to_string(atUnit) : "after " + std::to_string(afterUs) + " µs";
        EXPECT_TRUE(watch.cancelled) << where
                                     << (watch.finished ? ": finished before the cancel"
                                                        : ": " + watch.failure);
        EXPECT_EQ(job->state(), Job::State::Cancelled) << where;
        EXPECT_TRUE(nothingLeft()) << where << ": output or a temporary was left";
        EXPECT_EQ(settledThreadCount(baseline), baseline)
            << where << ": a thread outlived the job (" << threadNames() << ")";
        EXPECT_EQ(QThreadPool::globalInstance()->activeThreadCount(), poolBaseline) << where;
        cleanUp();
    }
}

}  // namespace skyweave::test
