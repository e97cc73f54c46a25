#include "memory/PressureGovernor.h"

#include <gtest/gtest.h>

#include <QSignalSpy>
#include <atomic>
#include <thread>

#include "common/Errors.h"

using skyweave::CancelToken;
using skyweave::MemoryLevel;
using skyweave::PressureGovernor;
using skyweave::ResourceLimits;

TEST(PressureGovernor, StartsAtTheMaximum) {
    PressureGovernor g({4, 8});
    EXPECT_EQ(g.current(), (ResourceLimits{4, 8}));
    EXPECT_FALSE(g.readsPaused());
    EXPECT_EQ(g.level(), MemoryLevel::Normal);
}

TEST(PressureGovernor, ShrinksUnderPressureAndRecoversStepByStep) {
    PressureGovernor g({4, 8});
    QSignalSpy spy(&g, &PressureGovernor::adjusted);

    g.onLevel(MemoryLevel::Low);
    EXPECT_EQ(g.current(), (ResourceLimits{2, 4}));
    g.onLevel(MemoryLevel::Low);  // staying Low holds the size
    EXPECT_EQ(g.current(), (ResourceLimits{2, 4}));

    g.onLevel(MemoryLevel::Critical);
    EXPECT_EQ(g.current(), (ResourceLimits{1, 1}));
    EXPECT_TRUE(g.readsPaused());

    g.onLevel(MemoryLevel::Low);  // back to Low: reads resume, size stays minimal
    EXPECT_EQ(g.current(), (ResourceLimits{1, 1}));
    EXPECT_FALSE(g.readsPaused());

    g.onLevel(MemoryLevel::Normal);
    EXPECT_EQ(g.current(), (ResourceLimits{2, 2}));
    g.onLevel(MemoryLevel::Normal);
    EXPECT_EQ(g.current(), (ResourceLimits{4, 4}));
    g.onLevel(MemoryLevel::Normal);
    EXPECT_EQ(g.current(), (ResourceLimits{4, 8}));
    g.onLevel(MemoryLevel::Normal);  // at the maximum: nothing to say

    ASSERT_EQ(spy.count(), 6);
    EXPECT_EQ(spy.at(0).at(1).toString(), "Reduced workers from 4 to 2 and batch from 8 to 4 (memory low)");
    EXPECT_EQ(spy.at(1).at(1).toString(),
              "Reduced workers from 2 to 1 and batch from 4 to 1; paused new reads (memory critical)");
    EXPECT_EQ(spy.at(2).at(1).toString(), "Resumed reads (memory low)");
    EXPECT_EQ(spy.at(3).at(1).toString(), "Raised workers from 1 to 2 and batch from 1 to 2 (memory normal)");
    EXPECT_EQ(spy.at(5).at(0).value<ResourceLimits>(), (ResourceLimits{4, 8}));
}

TEST(PressureGovernor, RespectsTheMinimum) {
    PressureGovernor g({3, 16}, {2, 4});
    g.onLevel(MemoryLevel::Low);
    EXPECT_EQ(g.current(), (ResourceLimits{2, 8}));
    g.onLevel(MemoryLevel::Critical);
    EXPECT_EQ(g.current(), (ResourceLimits{2, 4}));
    g.onLevel(MemoryLevel::Normal);
    EXPECT_EQ(g.current(), (ResourceLimits{3, 8}));
}

TEST(PressureGovernor, PausedReaderWaitsUntilLevelDrops) {
    PressureGovernor g({2, 2});
    g.onLevel(MemoryLevel::Critical);
    std::atomic<bool> passed{false};
    std::thread reader([&] {
        g.waitWhileReadsPaused(CancelToken{});
        passed = true;
    });
    // The reader cannot pass while Critical: it is released only by the Low sample below.
    EXPECT_FALSE(passed.load());
    g.onLevel(MemoryLevel::Low);
    reader.join();
    EXPECT_TRUE(passed.load());
}

TEST(PressureGovernor, PausedReaderHonoursCancel) {
    PressureGovernor g({2, 2});
    g.onLevel(MemoryLevel::Critical);
    CancelToken cancel;
    std::atomic<bool> cancelled{false};
    std::thread reader([&] {
        try {
            g.waitWhileReadsPaused(cancel);
        } catch (const skyweave::CancelledError&) {
            cancelled = true;
        }
    });
    cancel.requestCancel();
    reader.join();
    EXPECT_TRUE(cancelled.load());
    EXPECT_TRUE(g.readsPaused());
}

TEST(PressureGovernor, NotPausedReturnsAtOnce) {
    PressureGovernor g({2, 2});
    g.waitWhileReadsPaused(CancelToken{});
    CancelToken cancel;
    cancel.requestCancel();
    EXPECT_THROW(g.waitWhileReadsPaused(cancel), skyweave::CancelledError);
}

TEST(PressureGovernor, APauseThatOutlastsItsBoundLetsReadsGoOnAtTheMinimum) {
    PressureGovernor g({4, 8});
    EXPECT_EQ(g.maxPause(), PressureGovernor::kDefaultMaxPause);
    g.setMaxPause(std::chrono::milliseconds{150});
    QSignalSpy spy(&g, &PressureGovernor::adjusted);
    g.onLevel(MemoryLevel::Critical);
    EXPECT_TRUE(g.readsPaused());

    // Memory stays critical (pressure from elsewhere): the wait ends at the bound, not never.
    const auto start = std::chrono::steady_clock::now();
    g.waitWhileReadsPaused(CancelToken{});
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds{140});
    EXPECT_FALSE(g.readsPaused());
    EXPECT_EQ(g.current(), (ResourceLimits{1, 1}));  // still at the minimum
    ASSERT_EQ(spy.count(), 2);                       // "paused new reads", then the bound, once
    EXPECT_TRUE(spy.at(1).at(1).toString().contains("still critical")) << spy.at(1).at(1).toString().toStdString();
    g.onLevel(MemoryLevel::Critical);  // the same episode: no new pause
    EXPECT_FALSE(g.readsPaused());

    // A new critical episode after relief pauses again.
    g.onLevel(MemoryLevel::Low);
    g.onLevel(MemoryLevel::Critical);
    EXPECT_TRUE(g.readsPaused());
}
