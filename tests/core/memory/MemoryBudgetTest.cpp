#include "memory/MemoryBudget.h"

#include <gtest/gtest.h>

#include <limits>

#include <opencv2/core.hpp>


using skyweave::kBytesPerMb;
using skyweave::MemoryBudget;
using skyweave::MemoryStats;

namespace {

MemoryStats available(std::uint64_t mb) {
    MemoryStats s;
    s.totalBytes = 16000 * kBytesPerMb;
    s.availableBytes = mb * kBytesPerMb;
    return s;
}

}  // namespace

TEST(MemoryBudget, ImageBytesIsWidthTimesHeightTimesChannelsTimesDepth) {
    EXPECT_EQ(MemoryBudget::imageBytes(1000, 1000, 3, 1), 3'000'000U);
    EXPECT_EQ(MemoryBudget::imageBytes(3840, 2160, 3, 4), 99'532'800U);  // ≈ 95 MB, as the original estimated
    EXPECT_EQ(MemoryBudget::imageBytes(0, 10, 3, 1), 0U);
    EXPECT_EQ(MemoryBudget::matBytes(1000, 1000, CV_8UC4), 4'000'000U);
    EXPECT_EQ(MemoryBudget::matBytes(100, 50, CV_32FC2), 100U * 50 * 2 * 4);
    EXPECT_EQ(MemoryBudget::matBytes(100, 50, CV_64FC1), 100U * 50 * 8);
}

TEST(MemoryBudget, PipelineItemCountsThreeCopiesAndSafetyMargin) {
    EXPECT_EQ(MemoryBudget::pipelineItemBytes(10 * kBytesPerMb), 36 * kBytesPerMb);
}

TEST(MemoryBudget, CheckAvailableSaysWhatIsMissing) {
    const MemoryBudget budget(2000 * kBytesPerMb);
    const auto refused = budget.checkAvailable(1200 * kBytesPerMb, available(640));
    EXPECT_FALSE(refused.ok);
    EXPECT_EQ(refused.message, "Insufficient memory: need 1200 MB, 640 MB available");

    const auto overBudget =
        MemoryBudget(1000 * kBytesPerMb).checkAvailable(1200 * kBytesPerMb, available(8000));
    EXPECT_FALSE(overBudget.ok);
    EXPECT_EQ(overBudget.message,
              "Insufficient memory: need 1200 MB, the memory budget is 1000 MB (SKYWEAVE_MAX_MEMORY_MB)");

    const auto tight = budget.checkAvailable(1000 * kBytesPerMb, available(1200));
    EXPECT_TRUE(tight.ok);
    EXPECT_EQ(tight.message, "Memory is tight: need 1000 MB, 1200 MB available");

    const auto fine = budget.checkAvailable(10 * kBytesPerMb, available(8000));
    EXPECT_TRUE(fine.ok);
    EXPECT_EQ(fine.message, "OK");
}

TEST(MemoryBudget, BatchSizeIsUsableMinusReserveOverItemCost) {
    const MemoryBudget budget(1000 * kBytesPerMb);
    // (min(1000, 640) − 100) / 60 = 9
    EXPECT_EQ(budget.batchSize(60 * kBytesPerMb, available(640), 100 * kBytesPerMb, 1, 64), 9);
    // The budget binds when more is available: (1000 − 100) / 60 = 15
    EXPECT_EQ(budget.batchSize(60 * kBytesPerMb, available(8000), 100 * kBytesPerMb, 1, 64), 15);
    // Clamped to the maximum and the minimum.
    EXPECT_EQ(budget.batchSize(1 * kBytesPerMb, available(8000), 0, 2, 32), 32);
    EXPECT_EQ(budget.batchSize(600 * kBytesPerMb, available(640), 100 * kBytesPerMb, 2, 32), 2);
    // Nothing left after the reserve → the minimum; free items → the maximum.
    EXPECT_EQ(budget.batchSize(10 * kBytesPerMb, available(50), 100 * kBytesPerMb, 1, 32), 1);
    EXPECT_EQ(budget.batchSize(0, available(50), 0, 1, 32), 32);
    // The original's frames-in-flight formula with a 1920×1080 RGB frame: 5.93 MB ×3 ×1.2 = 21.4 MB per item.
    const auto item = MemoryBudget::pipelineItemBytes(MemoryBudget::imageBytes(1920, 1080, 3, 1));
    EXPECT_EQ(budget.batchSize(item, available(640), 100 * kBytesPerMb, 2, 64), 25);
}

TEST(MemoryBudget, WorkerCountFitsTheBudgetWithinTheHardware) {
    const MemoryBudget budget(1000 * kBytesPerMb);
    EXPECT_EQ(budget.workerCount(300 * kBytesPerMb, 8), 3);
    EXPECT_EQ(budget.workerCount(100 * kBytesPerMb, 4), 4);
    EXPECT_EQ(budget.workerCount(2000 * kBytesPerMb, 4), 1);
    EXPECT_GE(budget.workerCount(1, 0), 1);  // 0 → hardware_concurrency
}

TEST(MemoryBudget, NarrowDepthIsLosslessUnlessForced) {
    cv::Mat exact = (cv::Mat_<double>(1, 4) << 0.5, -2.0, 1024.0, std::numeric_limits<double>::quiet_NaN());
    const cv::Mat narrowed = MemoryBudget::narrowDepth(exact);
    EXPECT_EQ(narrowed.type(), CV_32FC1);
    EXPECT_EQ(narrowed.at<float>(0, 2), 1024.0F);

    cv::Mat precise = (cv::Mat_<double>(1, 2) << 0.1, 1.0);
    EXPECT_EQ(MemoryBudget::narrowDepth(precise).type(), CV_64FC1);
    EXPECT_EQ(MemoryBudget::narrowDepth(precise, true).type(), CV_32FC1);

    cv::Mat rgb(2, 2, CV_64FC3, cv::Scalar(1, 2, 3));
    EXPECT_EQ(MemoryBudget::narrowDepth(rgb).type(), CV_32FC3);

    cv::Mat bytes(2, 2, CV_8UC3, cv::Scalar(1, 2, 3));
    EXPECT_EQ(MemoryBudget::narrowDepth(bytes, true).type(), CV_8UC3);
    cv::Mat floats(2, 2, CV_32FC1, cv::Scalar(0.1));
    EXPECT_EQ(MemoryBudget::narrowDepth(floats, true).type(), CV_32FC1);
}
