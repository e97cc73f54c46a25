#include "common/EtaEstimator.h"

#include <gtest/gtest.h>

using namespace std::chrono_literals;
using skyweave::EtaEstimator;

TEST(EtaEstimator, UnknownUntilTheFirstUnitFinishes) {
    EtaEstimator eta;
    const auto t0 = EtaEstimator::Clock::time_point{};
    eta.start(t0);
    EXPECT_FALSE(eta.ratePerSecond());
    EXPECT_FALSE(eta.secondsLeft(0, 10));
    eta.update(t0 + 1s, 0);
    EXPECT_FALSE(eta.ratePerSecond());
}

TEST(EtaEstimator, SteadyRateGivesExactEstimate) {
    EtaEstimator eta(0.5);
    const auto t0 = EtaEstimator::Clock::time_point{};
    eta.start(t0);
    for (int i = 1; i <= 4; ++i) eta.update(t0 + i * 500ms, i);  // 2 units per second
    ASSERT_TRUE(eta.ratePerSecond());
    EXPECT_DOUBLE_EQ(*eta.ratePerSecond(), 2.0);
    EXPECT_DOUBLE_EQ(*eta.secondsLeft(4, 10), 3.0);
    EXPECT_DOUBLE_EQ(eta.elapsedSeconds(t0 + 2s), 2.0);
}

TEST(EtaEstimator, SmoothsTowardsTheNewRate) {
    EtaEstimator eta(0.5);
    const auto t0 = EtaEstimator::Clock::time_point{};
    eta.start(t0);
    eta.update(t0 + 1s, 1);  // 1/s
    eta.update(t0 + 2s, 4);  // 3/s → smoothed 0.5·3 + 0.5·1 = 2
    EXPECT_DOUBLE_EQ(*eta.ratePerSecond(), 2.0);
    EXPECT_DOUBLE_EQ(*eta.secondsLeft(10, 10), 0.0);
}
