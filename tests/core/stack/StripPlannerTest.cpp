#include "stack/StripPlanner.h"

#include <gtest/gtest.h>

#include "common/Errors.h"

using namespace skyweave;

namespace {
StripPlanner::Input bench(std::uint64_t limit, int threads = 2) {
    StripPlanner::Input in;
    in.width = 2048, in.height = 2048, in.frameCount = 64;
    in.memoryLimitBytes = limit;
    in.threads = threads;
    return in;
}
}  // namespace

TEST(StripPlanner, StripBytesCountsEveryBuffer) {
    auto in = bench(0);
    // 64·R·W·4 values + R·W·8 output/coverage + 64·(16 + 68) scratch and lane rows + 1 MiB per worker
    const std::uint64_t perStrip = 64 * (16 + 68) + StripPlanner::kPerWorkerOverheadBytes;
    EXPECT_EQ(StripPlanner::stripBytes(in, 10, 64, false), 64ull * 10 * 2048 * 4 + 10ull * 2048 * 8 + perStrip);
    in.rejectionMap = true;
    EXPECT_EQ(StripPlanner::stripBytes(in, 1, 64, true), 64ull * 2048 * 4 + 2048ull * (8 + 4 + 20) + perStrip);
}

TEST(StripPlanner, PlanStaysWithinTheLimit) {
    for (const std::uint64_t limit : {256ull << 20, 128ull << 20, 64ull << 20, 48ull << 20}) {
        const auto in = bench(limit);
        const auto p = StripPlanner::plan(in);
        EXPECT_LE(p.plannedPeakBytes, limit);
        EXPECT_FALSE(p.chunked);
        EXPECT_GE(p.rowsPerStrip, 1);
        // One more row would not fit.
        if (p.rowsPerStrip < (in.height + p.workers - 1) / p.workers) {
            EXPECT_GT(p.fixedBytes + p.workers * StripPlanner::stripBytes(in, p.rowsPerStrip + 1, 64, false), limit);
        }
        EXPECT_EQ(p.stripCount, (2048 + p.rowsPerStrip - 1) / p.rowsPerStrip);
    }
}

TEST(StripPlanner, BenchmarkPlanAt256MiB) {
    const auto p = StripPlanner::plan(bench(256ull << 20));
    EXPECT_EQ(p.workers, 2);
    // (256 MiB − 44 MiB fixed) / 2 workers / (64·2048·4 + 2048·8 bytes per row) ≈ 205 rows
    EXPECT_GT(p.rowsPerStrip, 195);
    EXPECT_LT(p.rowsPerStrip, 215);
}

TEST(StripPlanner, FallsBackToFewerWorkersThenChunks) {
    auto in = bench(StripPlanner::fixedBytes(bench(0)) + StripPlanner::stripBytes(bench(0), 1, 64, false));
    auto p = StripPlanner::plan(in);
    EXPECT_EQ(p.workers, 1);
    EXPECT_EQ(p.rowsPerStrip, 1);
    EXPECT_FALSE(p.chunked);
    in.memoryLimitBytes -= 64 * 1024;
    p = StripPlanner::plan(in);
    EXPECT_TRUE(p.chunked);
    EXPECT_LT(p.framesPerChunk, 64);
    EXPECT_GE(p.framesPerChunk, 2);
    EXPECT_LE(p.plannedPeakBytes, in.memoryLimitBytes);
}

TEST(StripPlanner, ShiftedFramesNeedTheirRowsAndMargin) {
    EXPECT_EQ(StripPlanner::inputRowsNeeded(FrameTransform{}, 100, 10, 1, 50), 10);
    EXPECT_EQ(StripPlanner::inputRowsNeeded(FrameTransform::translation(3.5, -7.25), 100, 10, 1, 50), 9 + 2 + 2);
    // A 1° rotation over 100 columns spans ~1.75 rows more.
    const FrameTransform rot{0.99985, -0.01745, 0, 0.01745, 0.99985, 0};
    EXPECT_EQ(StripPlanner::inputRowsNeeded(rot, 100, 10, 3, 500), 11 + 6 + 2);
    EXPECT_EQ(StripPlanner::inputRowsNeeded(rot, 100, 10, 3, 12), 12);
}

TEST(StripPlanner, RefusesWhenNothingFits) {
    auto in = bench(100 * 1024);
    EXPECT_THROW(StripPlanner::plan(in), SkyweaveError);
}

TEST(StripPlanner, ForcedChunks) {
    auto in = bench(2ull << 30);
    in.forceChunked = true;
    in.chunkSize = 10;
    const auto p = StripPlanner::plan(in);
    EXPECT_TRUE(p.chunked);
    EXPECT_EQ(p.framesPerChunk, 10);
    EXPECT_EQ(p.chunkCount, 7);
}
