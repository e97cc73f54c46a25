#include "memory/MemorySettings.h"

#include <gtest/gtest.h>

#include <QtGlobal>

using skyweave::kBytesPerMb;
using skyweave::MemoryLevel;
using skyweave::MemorySettings;

namespace {

const char* const kVariables[] = {
    "SKYWEAVE_MAX_MEMORY_MB", "SKYWEAVE_MEMORY_WARNING_THRESHOLD", "SKYWEAVE_MEMORY_CRITICAL_THRESHOLD",
    "GOES_VFI_MAX_MEMORY_MB", "GOES_VFI_MEMORY_WARNING_THRESHOLD", "GOES_VFI_MEMORY_CRITICAL_THRESHOLD",
};

/// Each test starts and ends with none of the memory variables set.
class MemorySettingsEnv : public ::testing::Test {
protected:
    void SetUp() override { clear(); }
    void TearDown() override { clear(); }
    static void clear() {
        for (const char* v : kVariables) qunsetenv(v);
    }
};

}  // namespace

TEST(MemorySettings, LevelTableFollowsTheOriginalThresholds) {
    const MemorySettings s;
    EXPECT_EQ(s.levelFor(2000 * kBytesPerMb, 75.0), MemoryLevel::Normal);
    EXPECT_EQ(s.levelFor(400 * kBytesPerMb, 80.0), MemoryLevel::Low);
    EXPECT_EQ(s.levelFor(150 * kBytesPerMb, 98.0), MemoryLevel::Critical);
    // Each condition alone is enough.
    EXPECT_EQ(s.levelFor(400 * kBytesPerMb, 10.0), MemoryLevel::Low);
    EXPECT_EQ(s.levelFor(8000 * kBytesPerMb, 86.0), MemoryLevel::Low);
    EXPECT_EQ(s.levelFor(150 * kBytesPerMb, 10.0), MemoryLevel::Critical);
    EXPECT_EQ(s.levelFor(8000 * kBytesPerMb, 95.5), MemoryLevel::Critical);
    // Boundaries: "below" and "above" are strict.
    EXPECT_EQ(s.levelFor(500 * kBytesPerMb, 85.0), MemoryLevel::Normal);
    EXPECT_EQ(s.levelFor(200 * kBytesPerMb, 95.0), MemoryLevel::Low);
}

TEST_F(MemorySettingsEnv, DefaultsWithoutEnvironment) {
    QStringList problems;
    const auto s = MemorySettings::fromEnvironment(&problems);
    EXPECT_TRUE(problems.isEmpty());
    EXPECT_EQ(s.budgetMb, 1000U);
    EXPECT_EQ(s.warningMb, 500U);
    EXPECT_EQ(s.criticalMb, 200U);
    EXPECT_EQ(s.intervalMs, 5000);
    EXPECT_EQ(s.budgetBytes(), 1000U * kBytesPerMb);
}

TEST_F(MemorySettingsEnv, SkyweaveVariablesOverride) {
    qputenv("SKYWEAVE_MAX_MEMORY_MB", "4096");
    qputenv("SKYWEAVE_MEMORY_WARNING_THRESHOLD", " 800 ");
    qputenv("SKYWEAVE_MEMORY_CRITICAL_THRESHOLD", "300");
    QStringList problems;
    const auto s = MemorySettings::fromEnvironment(&problems);
    EXPECT_TRUE(problems.isEmpty()) << problems.join("\n").toStdString();
    EXPECT_EQ(s.budgetMb, 4096U);
    EXPECT_EQ(s.warningMb, 800U);
    EXPECT_EQ(s.criticalMb, 300U);
    EXPECT_EQ(s.levelFor(700 * kBytesPerMb, 50.0), MemoryLevel::Low);
    EXPECT_EQ(s.levelFor(250 * kBytesPerMb, 50.0), MemoryLevel::Critical);
}

TEST_F(MemorySettingsEnv, GoesVfiNamesAreAliasesAndLoseToSkyweaveNames) {
    qputenv("GOES_VFI_MAX_MEMORY_MB", "2048");
    qputenv("GOES_VFI_MEMORY_WARNING_THRESHOLD", "700");
    qputenv("SKYWEAVE_MEMORY_WARNING_THRESHOLD", "600");
    qputenv("GOES_VFI_MEMORY_CRITICAL_THRESHOLD", "100");
    QStringList problems;
    const auto s = MemorySettings::fromEnvironment(&problems);
    EXPECT_TRUE(problems.isEmpty());
    EXPECT_EQ(s.budgetMb, 2048U);
    EXPECT_EQ(s.warningMb, 600U);
    EXPECT_EQ(s.criticalMb, 100U);
}

TEST_F(MemorySettingsEnv, BadValuesKeepTheDefaultWithAClearMessage) {
    qputenv("SKYWEAVE_MAX_MEMORY_MB", "lots");
    qputenv("SKYWEAVE_MEMORY_WARNING_THRESHOLD", "-5");
    qputenv("GOES_VFI_MEMORY_CRITICAL_THRESHOLD", "0");
    QStringList problems;
    const auto s = MemorySettings::fromEnvironment(&problems);
    EXPECT_EQ(s.budgetMb, 1000U);
    EXPECT_EQ(s.warningMb, 500U);
    EXPECT_EQ(s.criticalMb, 200U);
    ASSERT_EQ(problems.size(), 3);
    EXPECT_EQ(problems.at(0).toStdString(),
              "SKYWEAVE_MAX_MEMORY_MB=\"lots\" is not a whole number of MB between 1 and 1073741824; "
              "using the default 1000 MB");
    EXPECT_TRUE(problems.at(1).startsWith("SKYWEAVE_MEMORY_WARNING_THRESHOLD=\"-5\""));
    EXPECT_TRUE(problems.at(2).startsWith("GOES_VFI_MEMORY_CRITICAL_THRESHOLD=\"0\""));
    EXPECT_TRUE(problems.at(2).endsWith("using the default 200 MB"));
}

TEST_F(MemorySettingsEnv, FractionsAndHugeNumbersAreRefused) {
    qputenv("SKYWEAVE_MAX_MEMORY_MB", "1.5");
    qputenv("SKYWEAVE_MEMORY_WARNING_THRESHOLD", "99999999999999");
    QStringList problems;
    const auto s = MemorySettings::fromEnvironment(&problems);
    EXPECT_EQ(s.budgetMb, 1000U);
    EXPECT_EQ(s.warningMb, 500U);
    EXPECT_EQ(problems.size(), 2);
}

TEST_F(MemorySettingsEnv, CriticalAboveWarningIsCappedAndReported) {
    qputenv("SKYWEAVE_MEMORY_WARNING_THRESHOLD", "100");
    QStringList problems;
    const auto s = MemorySettings::fromEnvironment(&problems);
    EXPECT_EQ(s.warningMb, 100U);
    EXPECT_EQ(s.criticalMb, 100U);
    ASSERT_EQ(problems.size(), 1);
    EXPECT_EQ(problems.at(0).toStdString(),
              "the critical threshold 200 MB is above the warning threshold 100 MB; using 100 MB for both");
}

TEST_F(MemorySettingsEnv, WithoutAListProblemsAreLoggedNotThrown) {
    qputenv("SKYWEAVE_MAX_MEMORY_MB", "abc");
    const auto s = MemorySettings::fromEnvironment();
    EXPECT_EQ(s.budgetMb, 1000U);
}

TEST(MemorySettings, SmallTotalsAreJudgedByPercentagesAlone) {
    const MemorySettings s;
    // A 256 MB cgroup: "< 200 MB available" would hold even when idle and keep a job paused for good.
    EXPECT_EQ(s.levelFor(60 * kBytesPerMb, 76.6, 256 * kBytesPerMb), MemoryLevel::Normal);
    EXPECT_EQ(s.levelFor(30 * kBytesPerMb, 88.3, 256 * kBytesPerMb), MemoryLevel::Low);
    EXPECT_EQ(s.levelFor(10 * kBytesPerMb, 96.1, 256 * kBytesPerMb), MemoryLevel::Critical);
    // From 2 × the warning line (1000 MB) up, and when the total is unknown (0), the MB lines count as before.
    EXPECT_EQ(s.levelFor(400 * kBytesPerMb, 60.0, 1000 * kBytesPerMb), MemoryLevel::Low);
    EXPECT_EQ(s.levelFor(150 * kBytesPerMb, 10.0, 0), MemoryLevel::Critical);
}
