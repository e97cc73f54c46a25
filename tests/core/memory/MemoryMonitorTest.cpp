#include "memory/MemoryMonitor.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QSignalSpy>
#include <thread>
#include <vector>

#include "FakeProcRoot.h"
#include "common/Errors.h"
#include "memory/PressureGovernor.h"

using namespace std::chrono_literals;
using skyweave::MemoryEvent;
using skyweave::MemoryLevel;
using skyweave::MemoryMonitor;
using skyweave::MemorySettings;
using skyweave::MemoryStats;
using skyweave::ProcReader;
using skyweave::test::FakeProcRoot;
using skyweave::test::kMiB;

namespace {

/// A monitor over a fake tree and a clock the test moves by hand.
struct Fixture {
    FakeProcRoot fake;
    std::chrono::steady_clock::time_point now{};
    std::unique_ptr<MemoryMonitor> monitor;

    Fixture() {
        fake.setSystem(8000, 2000);  // Normal
        fake.setProcess(50, 60);
        monitor = std::make_unique<MemoryMonitor>(MemorySettings{}, ProcReader(fake.root()));
        monitor->setClock([this] { return now; });
        monitor->setReleaseOnCritical(false);
    }
    MemoryStats at(std::chrono::seconds t, std::uint64_t totalMb, std::uint64_t availableMb) {
        now = std::chrono::steady_clock::time_point{} + t;
        fake.setSystem(totalMb, availableMb);
        return monitor->sample();
    }
};

}  // namespace

TEST(MemoryMonitor, SampleClassifiesAndEmitsStats) {
    Fixture f;
    QSignalSpy stats(f.monitor.get(), &MemoryMonitor::statsUpdated);
    QSignalSpy levels(f.monitor.get(), &MemoryMonitor::levelChanged);
    const auto s = f.monitor->sample();
    EXPECT_EQ(s.level, MemoryLevel::Normal);
    EXPECT_EQ(s.availableBytes, 2000 * kMiB);
    ASSERT_EQ(stats.count(), 1);
    EXPECT_EQ(stats.at(0).at(0).value<MemoryStats>().availableBytes, 2000 * kMiB);
    EXPECT_EQ(levels.count(), 0);  // starts Normal: no change
    EXPECT_EQ(f.monitor->lastStats().availableBytes, 2000 * kMiB);
}

TEST(MemoryMonitor, LevelChangesAndRateLimitedWarnings) {
    Fixture f;
    QSignalSpy levels(f.monitor.get(), &MemoryMonitor::levelChanged);
    QSignalSpy warnings(f.monitor.get(), &MemoryMonitor::memoryWarning);
    QSignalSpy criticals(f.monitor.get(), &MemoryMonitor::memoryCritical);

    EXPECT_EQ(f.at(0s, 7500, 150).level, MemoryLevel::Critical);  // critical #1
    f.at(5s, 7500, 150);                                          // within 30 s: quiet
    f.at(29s, 7500, 150);
    f.at(30s, 7500, 150);                                     // critical #2
    EXPECT_EQ(f.at(31s, 2000, 400).level, MemoryLevel::Low);  // warning #1 (own timer)
    f.at(40s, 2000, 400);
    f.at(90s, 2000, 400);    // 59 s after: quiet
    f.at(91s, 2000, 400);    // warning #2
    f.at(95s, 7500, 150);    // critical #3 (65 s after #2)
    f.at(100s, 8000, 2000);  // Normal again
    f.at(101s, 7500, 150);   // 6 s after #3: quiet
    f.at(102s, 2000, 400);   // 11 s after warning #2: quiet

    EXPECT_EQ(criticals.count(), 3);
    EXPECT_EQ(warnings.count(), 2);
    std::vector<MemoryLevel> seen;
    for (const auto& args : levels) seen.push_back(args.at(0).value<MemoryLevel>());
    EXPECT_EQ(seen, (std::vector<MemoryLevel>{MemoryLevel::Critical, MemoryLevel::Low, MemoryLevel::Critical,
                                              MemoryLevel::Normal, MemoryLevel::Critical, MemoryLevel::Low}));
    EXPECT_EQ(warnings.at(0).at(0).value<MemoryStats>().availableBytes, 400 * kMiB);
}

TEST(MemoryMonitor, CallbacksSeeTheSameEvents) {
    Fixture f;
    std::vector<MemoryEvent> events;
    const int id = f.monitor->addCallback([&](MemoryEvent e, const MemoryStats&) { events.push_back(e); });
    f.at(0s, 2000, 400);
    EXPECT_EQ(events, (std::vector<MemoryEvent>{MemoryEvent::Sampled, MemoryEvent::LevelChanged,
                                                MemoryEvent::Warning}));
    f.monitor->removeCallback(id);
    f.at(1s, 7500, 150);
    EXPECT_EQ(events.size(), 3U);
}

TEST(MemoryMonitor, FeedDrivesAGovernorThroughFollow) {
    Fixture f;
    skyweave::PressureGovernor governor({4, 8});
    governor.follow(*f.monitor);
    MemoryStats s;
    s.totalBytes = 8000 * kMiB;
    s.availableBytes = 300 * kMiB;
    s.usedPercent = 96.25;
    EXPECT_EQ(f.monitor->feed(s).level, MemoryLevel::Critical);
    EXPECT_TRUE(governor.readsPaused());
    EXPECT_EQ(governor.current(), (skyweave::ResourceLimits{1, 1}));
}

TEST(MemoryMonitor, BackgroundThreadSamplesUntilStopped) {
    Fixture f;
    // Counted by a receiver in this thread: the signal is emitted on the sampling thread, and a
    // QSignalSpy would append to its list there while this thread reads it (ThreadSanitizer: race).
    QObject receiver;
    int stats = 0;
    QObject::connect(f.monitor.get(), &MemoryMonitor::statsUpdated, &receiver, [&stats] { ++stats; },
                     Qt::QueuedConnection);
    f.monitor->start(20);
    EXPECT_TRUE(f.monitor->isRunning());
    const QDeadlineTimer deadline(15000);
    while (stats < 3) {
        ASSERT_FALSE(deadline.hasExpired()) << "the sampling thread delivered " << stats << " samples";
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    f.monitor->stop();
    EXPECT_FALSE(f.monitor->isRunning());
    QCoreApplication::processEvents();
    const int after = stats;
    QCoreApplication::processEvents();
    EXPECT_EQ(stats, after);
}

TEST(MemoryMonitor, BrokenRootThrowsOnDemandAndSurvivesInBackground) {
    FakeProcRoot empty;
    MemoryMonitor monitor(MemorySettings{}, ProcReader(empty.root()));
    EXPECT_THROW(monitor.sample(), skyweave::SkyweaveError);
    monitor.start(10);
    monitor.stop();  // the sampling thread logged the failure and kept going until stopped
    EXPECT_FALSE(monitor.isRunning());
}

TEST(MemoryMonitor, GovernorsComeAndGoWhileTheMonitorSamples) {
    Fixture f;
    f.monitor->start(1);
    for (int i = 0; i < 200; ++i) {
        skyweave::PressureGovernor governor({4, 8});
        governor.follow(*f.monitor);
        int calls = 0;
        const int id = f.monitor->addCallback([&calls](MemoryEvent, const MemoryStats&) { ++calls; });
        std::this_thread::yield();
        f.monitor->removeCallback(id);  // after this, `calls` may go out of scope safely
        EXPECT_EQ(governor.maximum(), (skyweave::ResourceLimits{4, 8}));
    }
    f.monitor->stop();
}
