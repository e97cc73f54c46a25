#include "stack/StackEngine.h"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <new>

#include <fitsio.h>

#include "StackTestFrames.h"
#include "TempDir.h"
#include "common/Errors.h"
#include "fits/FitsReader.h"
#include "stack/StripPlanner.h"

using namespace skyweave;

namespace {

constexpr int kW = 61, kH = 37, kN = 9;

StackParams baseParams(const std::vector<std::filesystem::path>& inputs, const std::filesystem::path& out) {
    StackParams p;
    p.inputs = inputs;
    p.output = out;
    p.threads = 2;
    return p;
}

StackResult runStack(const StackParams& p) {
    NullProgressSink sink;
    return StackEngine(p, sink, CancelToken()).run();
}

bool bitIdentical(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

/// A limit that leaves room for exactly `rows` rows of `frames` frames on one worker.
std::uint64_t limitFor(int rows, int frames, bool chunked, const StackParams& p, std::uint64_t headerBytes) {
    StripPlanner::Input in;
    in.width = kW, in.height = kH, in.frameCount = kN, in.rejectionMap = p.writeRejectionMap;
    in.interpolationMargin = p.resampling == Resampling::Lanczos3 ? 3 : 1;
    in.transforms = p.transforms;
    in.headerBytes = headerBytes;
    return StripPlanner::fixedBytes(in) + StripPlanner::stripBytes(in, rows, frames, chunked);
}

std::uint64_t headerBytesOf(const std::vector<std::filesystem::path>& frames) {
    std::uint64_t b = 0;
    for (const auto& f : frames) b += fits::FitsReader::readSummary(f).headerCards.size();
    return b;
}

struct Variant {
    const char* name;
    CombineMethod method;
    RejectionMethod rejection;
    bool shifted;
    Resampling resampling;
};

class TiledEqualsUntiled : public ::testing::TestWithParam<Variant> {};

}  // namespace

TEST_P(TiledEqualsUntiled, BitForBitAtEveryLimit) {
    const auto v = GetParam();
    test::TempDir dir;
    const auto frames = test::writeNoisyFrames(dir.path(), kN, kW, kH);
    auto p = baseParams(frames, dir.file("whole.fits"));
    p.combine.method = v.method;
    p.combine.rejection.method = v.rejection;
    p.resampling = v.resampling;
    p.writeRejectionMap = true;
    if (v.shifted)
        for (int i = 0; i < kN; ++i)
            p.transforms.push_back(i % 3 == 2 ? FrameTransform{0.999, -0.02, 0.3 * i, 0.02, 0.999, -0.7 * i}
                                              : FrameTransform::translation(0.37 * i, -0.61 * i));
    const auto whole = runStack(p);
    EXPECT_EQ(whole.strips, 2);  // 2 workers, the whole image fits
    const auto reference = test::readPixels(p.output);
    const auto hb = headerBytesOf(frames);
    for (const int rows : {1, 2, 5, 16}) {
        auto q = p;
        q.threads = 1;
        q.output = dir.file("tiled_" + std::to_string(rows) + ".fits");
        q.memoryLimitBytes = limitFor(rows, kN, false, q, hb);
        const auto r = runStack(q);
        EXPECT_FALSE(r.chunked);
        EXPECT_EQ(r.rowsPerStrip, rows);
        EXPECT_TRUE(bitIdentical(test::readPixels(q.output), reference)) << v.name << " rows " << rows;
    }
}

INSTANTIATE_TEST_SUITE_P(
    Methods, TiledEqualsUntiled,
    ::testing::Values(Variant{"median", CombineMethod::Median, RejectionMethod::None, false, Resampling::Bilinear},
                      Variant{"sigmamean", CombineMethod::Average, RejectionMethod::Sigma, false, Resampling::Bilinear},
                      Variant{"winsor", CombineMethod::Average, RejectionMethod::Winsorized, false, Resampling::Bilinear},
                      Variant{"minmax", CombineMethod::Sum, RejectionMethod::MinMax, false, Resampling::Bilinear},
                      Variant{"shiftmedian", CombineMethod::Median, RejectionMethod::Sigma, true, Resampling::Bilinear},
                      Variant{"lanczos", CombineMethod::Average, RejectionMethod::None, true, Resampling::Lanczos3}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(StackEngine, ChunkFallbackExactForAverageApproximateForMedian) {
    test::TempDir dir;
    const auto frames = test::writeNoisyFrames(dir.path(), kN, kW, kH);
    const auto hb = headerBytesOf(frames);
    for (const auto method : {CombineMethod::Average, CombineMethod::Sum, CombineMethod::Max, CombineMethod::Median}) {
        auto p = baseParams(frames, dir.file("whole.fits"));
        p.overwrite = true;
        p.combine.method = method;
        runStack(p);
        const auto exact = test::readPixels(p.output);
        auto q = p;
        q.output = dir.file("chunked.fits");
        q.memoryLimitBytes = limitFor(1, 4, true, q, hb);  // one row of all 9 frames does not fit; 4 do
        const auto r = runStack(q);
        EXPECT_TRUE(r.chunked);
        EXPECT_EQ(r.chunks, 3);
        const auto chunked = test::readPixels(q.output);
        fits::FitsReader out(q.output);
        EXPECT_EQ(out.keyword("CHUNKED_PROCESSING"), "T");
        if (method == CombineMethod::Median) {
            EXPECT_TRUE(r.approximate);
            EXPECT_EQ(out.keyword("APPROXIMATE"), "T");
            EXPECT_FALSE(bitIdentical(chunked, exact));
        } else {
            EXPECT_FALSE(r.approximate);
            EXPECT_TRUE(bitIdentical(chunked, exact)) << combineMethodName(method);
        }
    }
}

TEST(StackEngine, ForcedChunksUseChunkSize) {
    test::TempDir dir;
    const auto frames = test::writeNoisyFrames(dir.path(), kN, kW, kH);
    auto p = baseParams(frames, dir.file("out.fits"));
    p.forceChunked = true;
    p.chunkSize = 5;
    const auto r = runStack(p);
    EXPECT_TRUE(r.chunked);
    EXPECT_EQ(r.chunks, 2);
    EXPECT_EQ(fits::FitsReader(p.output).keyword("TOTAL_CHUNKS"), "2");
}

TEST(StackEngine, TooSmallLimitIsAReadableError) {
    test::TempDir dir;
    const auto frames = test::writeNoisyFrames(dir.path(), 3, kW, kH);
    auto p = baseParams(frames, dir.file("out.fits"));
    p.memoryLimitBytes = 1000;
    try {
        runStack(p);
        FAIL();
    } catch (const SkyweaveError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Memory);
        EXPECT_NE(std::string(e.what()).find("too small"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(p.output));
}

TEST(StackEngine, CosmicRaysAreRejected) {
    test::TempDir dir;
    std::vector<std::filesystem::path> frames;
    std::mt19937 rng(3);
    std::normal_distribution<float> noise(0.0f, 5.0f);
    for (int i = 0; i < 12; ++i) {
        frames.push_back(dir.file("cr" + std::to_string(i) + ".fits"));
        test::writeFrame(frames.back(), 20, 10, [&](int x, int y) {
            const bool hit = (i == 4 && x == 7 && y == 3) || (i == 9 && x == 12 && y == 8);
            return hit ? 60000.0f : 500.0f + noise(rng);
        });
    }
    auto p = baseParams(frames, dir.file("clipped.fits"));
    p.combine.method = CombineMethod::Average;
    p.combine.rejection.method = RejectionMethod::Sigma;
    p.writeRejectionMap = true;
    runStack(p);
    const auto img = test::readPixels(p.output);
    EXPECT_NEAR(img[3 * 20 + 7], 500.0f, 6.0f);
    EXPECT_NEAR(img[8 * 20 + 12], 500.0f, 6.0f);
    // The rejection map records them.
    auto plain = p;
    plain.output = dir.file("plain.fits");
    plain.combine.rejection.method = RejectionMethod::None;
    runStack(plain);
    EXPECT_GT(test::readPixels(plain.output)[3 * 20 + 7], 5000.0f);
}

TEST(StackEngine, SkipsBadFramesWithReasons) {
    test::TempDir dir;
    auto frames = test::writeNoisyFrames(dir.path(), 3, kW, kH);
    std::ofstream(dir.file("junk.fits")) << "not a FITS file";
    frames.push_back(dir.file("junk.fits"));
    test::writeFrame(dir.file("small.fits"), 10, 10, [](int, int) { return 1.0f; });
    frames.push_back(dir.file("small.fits"));
    frames.push_back(dir.file("missing.fits"));
    auto p = baseParams(frames, dir.file("out.fits"));
    const auto r = runStack(p);
    EXPECT_EQ(r.used.size(), 3u);
    ASSERT_EQ(r.skipped.size(), 3u);
    std::string all;
    for (const auto& s : r.skipped) all += s.path.filename().string() + ": " + s.reason + "\n";
    EXPECT_NE(all.find("junk.fits: unreadable"), std::string::npos) << all;
    EXPECT_NE(all.find("small.fits: size 10×10 differs"), std::string::npos) << all;
    EXPECT_NE(all.find("missing.fits: unreadable"), std::string::npos) << all;
    const auto cards = fits::FitsReader(p.output).summary().headerCards;
    EXPECT_NE(cards.find("HISTORY skipped: junk.fits"), std::string::npos);

    auto q = baseParams({frames[0], frames[3], frames[4]}, dir.file("fail.fits"));
    EXPECT_THROW(runStack(q), SkyweaveError);
    EXPECT_FALSE(std::filesystem::exists(q.output));
}

TEST(StackEngine, HeaderKeywordsAndCoverage) {
    test::TempDir dir;
    const auto frames = test::writeNoisyFrames(dir.path(), 4, kW, kH);  // 00:00:00.25 … 00:03:00.25, 60 s each
    auto p = baseParams(frames, dir.file("out.fits"));
    p.transforms = {FrameTransform{}, FrameTransform::translation(2.0, 0), FrameTransform{}, FrameTransform{}};
    p.motionTracked = true;
    p.trackedObject = "2025 BC";
    runStack(p);
    fits::FitsReader r(p.output);
    EXPECT_EQ(r.keyword("NCOMBINE"), "4");
    EXPECT_EQ(std::stod(*r.keyword("EXPTIME")), 240.0);
    EXPECT_EQ(r.keyword("DATE-OBS"), "2025-03-01T00:02:00.250");  // (00:00:00.25 + 00:04:00.25) / 2
    EXPECT_EQ(r.keyword("CHUNKED_PROCESSING"), "F");
    EXPECT_EQ(r.keyword("MOTION_TRACKED"), "T");
    EXPECT_EQ(r.keyword("TRACKED_OBJECT"), "2025 BC");
    EXPECT_EQ(r.keyword("OBJECT"), "test field");
    EXPECT_NE(r.summary().headerCards.find("shift dx=2.0000"), std::string::npos);
    // Frame 1 is shifted by 2 px: the last 2 columns are covered by 3 frames, the rest by 4.
    fitsfile* f = nullptr;
    int status = 0;
    fits_open_file(&f, (p.output.string() + "[COVERAGE]").c_str(), READONLY, &status);
    std::vector<int> cov(kW * kH);
    fits_read_img(f, TINT, 1, kW * kH, nullptr, cov.data(), nullptr, &status);
    fits_close_file(f, &status);
    ASSERT_EQ(status, 0);
    EXPECT_EQ(cov[0], 4);
    EXPECT_EQ(cov[kW - 3], 4);
    EXPECT_EQ(cov[kW - 2], 3);
    EXPECT_EQ(cov[kW - 1], 3);
}

TEST(StackEngine, AllocationFailureHalvesTheStrip) {
    test::TempDir dir;
    const auto frames = test::writeNoisyFrames(dir.path(), kN, kW, kH);
    auto p = baseParams(frames, dir.file("whole.fits"));
    p.threads = 1;
    p.combine.method = CombineMethod::Median;
    runStack(p);
    auto q = p;
    q.output = dir.file("retried.fits");
    NullProgressSink sink;
    StackEngine engine(q, sink, CancelToken());
    const std::uint64_t ceiling = StripPlanner::stripBytes({kW, kH, kN}, 6, kN, false);
    engine.setAllocationProbe([&](std::uint64_t bytes) {
        if (bytes > ceiling) throw std::bad_alloc();
    });
    const auto r = engine.run();
    EXPECT_GT(r.allocationRetries, 0);
    EXPECT_GT(r.strips, 6);
    EXPECT_TRUE(bitIdentical(test::readPixels(q.output), test::readPixels(p.output)));
}

TEST(StackEngine, NeverWritesOverAnInput) {
    test::TempDir dir;
    const auto frames = test::writeNoisyFrames(dir.path(), 3, kW, kH);
    auto p = baseParams(frames, frames[1]);
    p.overwrite = true;
    const auto before = test::readPixels(frames[1]);
    EXPECT_THROW(runStack(p), SkyweaveError);
    EXPECT_TRUE(bitIdentical(before, test::readPixels(frames[1])));
}

TEST(StackEngine, CancelLeavesNoOutput) {
    test::TempDir dir;
    const auto frames = test::writeNoisyFrames(dir.path(), 3, kW, kH);
    auto p = baseParams(frames, dir.file("out.fits"));
    CancelToken cancel;
    cancel.requestCancel();
    NullProgressSink sink;
    EXPECT_THROW(StackEngine(p, sink, cancel).run(), CancelledError);
    EXPECT_FALSE(std::filesystem::exists(p.output));
}
