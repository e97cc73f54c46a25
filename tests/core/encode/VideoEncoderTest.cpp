// Encodes tiny clips with every codec and reads them back with libavformat/libavcodec:
// codec, pixel format, frame count, frame rate and duration must be exactly what was asked.
#include "encode/VideoEncoder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "EncodeTestFrames.h"
#include "TempDir.h"
#include "VideoProbe.h"
#include "common/Errors.h"
#include "encode/EncodeRules.h"

namespace skyweave::encode {
namespace {

using test::encodeFrames;
using test::makeFrames;
using test::probeVideo;

constexpr int kWidth = 64;
constexpr int kHeight = 48;
constexpr int kFrames = 10;

EncodeParams paramsFor(const std::filesystem::path& out, VideoCodec codec) {
    EncodeParams p;
    p.outputPath = out.string();
    p.codec = codec;
    p.preset = codec == VideoCodec::H264 || codec == VideoCodec::Hevc ? "ultrafast" : "medium";
    p.pixFmt = "auto";
    return p;
}

/// Checks frame count, rate and duration; `durationTolerance` is 0 for MP4/MOV, 1 ms for Matroska.
void expectTiming(const test::VideoProbe& probe, const EncodeSummary& summary, int num, int den,
                  double durationTolerance) {
    const double expected = static_cast<double>(kFrames) * den / num;
    EXPECT_EQ(probe.decodedFrames, kFrames);
    EXPECT_EQ(probe.avgFpsNum, num);
    EXPECT_EQ(probe.avgFpsDen, den);
    // Matroska keeps no per-stream duration; MP4/MOV do, in the track's own timescale.
    if (probe.formatName.find("matroska") == std::string::npos)
        EXPECT_NEAR(probe.streamDurationSeconds, expected, 1e-9);
    EXPECT_NEAR(probe.formatDurationSeconds, expected, durationTolerance + 1e-6);  // AV_TIME_BASE is 1 µs
    EXPECT_NEAR(probe.decodedSpanSeconds, expected, durationTolerance + 1e-9);
    EXPECT_EQ(summary.frames, kFrames);
    EXPECT_DOUBLE_EQ(summary.durationSeconds, expected);
    EXPECT_GT(summary.bytes, 0);
    EXPECT_GT(summary.bitrateKbps, 0.0);
}

TEST(VideoEncoderTest, H264Mp4HasExactFramesRateDurationAndFaststart) {
    test::TempDir dir;
    const auto out = dir.file("clip.mp4");
    auto params = paramsFor(out, VideoCodec::H264);
    params.preset = "medium";  // with B-frames, so timestamps are reordered and an edit list is written
    const auto summary = encodeFrames(params, makeFrames(kWidth, kHeight, CV_8UC3, kFrames));
    const auto probe = probeVideo(out);
    EXPECT_EQ(probe.codecName, "h264");
    EXPECT_EQ(probe.pixFmt, "yuv420p");
    EXPECT_EQ(probe.codecTag, "avc1");
    EXPECT_EQ(probe.width, kWidth);
    EXPECT_EQ(probe.height, kHeight);
    expectTiming(probe, summary, 30, 1, 0.0);
    EXPECT_EQ(summary.pixFmt, "yuv420p");
    EXPECT_TRUE(summary.note.empty());

    // +faststart: the index (moov) comes before the media data (mdat).
    std::ifstream in(out, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_NE(bytes.find("moov"), std::string::npos);
    EXPECT_LT(bytes.find("moov"), bytes.find("mdat"));
    EXPECT_EQ(test::entriesIn(dir.path()), 1);  // no temporary left next to it
}

TEST(VideoEncoderTest, HevcMp4IsTaggedHvc1AtNtscRate) {
    test::TempDir dir;
    const auto out = dir.file("clip.mp4");
    auto params = paramsFor(out, VideoCodec::Hevc);
    params.fpsNum = 30000;
    params.fpsDen = 1001;
    params.keyframeInterval = 5;
    const auto summary = encodeFrames(params, makeFrames(kWidth, kHeight, CV_8UC3, kFrames));
    const auto probe = probeVideo(out);
    EXPECT_EQ(probe.codecName, "hevc");
    EXPECT_EQ(probe.codecTag, "hvc1");
    EXPECT_EQ(probe.pixFmt, "yuv420p");
    expectTiming(probe, summary, 30000, 1001, 0.0);
}

TEST(VideoEncoderTest, H264InMatroskaWith10BitAndBitrate) {
    test::TempDir dir;
    const auto out = dir.file("clip.mkv");
    auto params = paramsFor(out, VideoCodec::H264);
    params.pixFmt = "yuv420p10le";
    params.crf = -1;
    params.bitrateKbps = 400;
    params.fpsNum = 25;
    const auto summary = encodeFrames(params, makeFrames(kWidth, kHeight, CV_16UC3, kFrames));
    const auto probe = probeVideo(out);
    EXPECT_EQ(probe.codecName, "h264");
    EXPECT_EQ(probe.pixFmt, "yuv420p10le");
    expectTiming(probe, summary, 25, 1, 0.001);  // Matroska counts in milliseconds
}

TEST(VideoEncoderTest, HevcMatroskaAtNtscRateWithinOneMillisecond) {
    test::TempDir dir;
    const auto out = dir.file("clip.mkv");
    auto params = paramsFor(out, VideoCodec::Hevc);
    params.fpsNum = 30000;
    params.fpsDen = 1001;
    params.threads = 1;  // pools=1, frame-threads=1: x265 honours an explicit count
    const auto summary = encodeFrames(params, makeFrames(kWidth, kHeight, CV_8UC1, kFrames));
    const auto probe = probeVideo(out);
    EXPECT_EQ(probe.codecName, "hevc");
    expectTiming(probe, summary, 30000, 1001, 0.001);
}

TEST(VideoEncoderTest, GreyPixelFormats) {
    test::TempDir dir;
    const auto out = dir.file("grey.mp4");
    auto params = paramsFor(out, VideoCodec::Hevc);
    params.pixFmt = "gray";
    auto summary = encodeFrames(params, makeFrames(kWidth, kHeight, CV_8UC1, kFrames));
    auto probe = probeVideo(out);
    EXPECT_EQ(probe.pixFmt, "gray");
    expectTiming(probe, summary, 30, 1, 0.0);

    // H.264 4:0:0 (High profile, monochrome): FFmpeg's decoder presents it as full-range 4:2:0 with flat
    // chroma.
    const auto out264 = dir.file("grey.mkv");
    params = paramsFor(out264, VideoCodec::H264);
    params.pixFmt = "gray";
    summary = encodeFrames(params, makeFrames(kWidth, kHeight, CV_16UC1, kFrames));
    probe = probeVideo(out264);
    EXPECT_EQ(summary.pixFmt, "gray");
    EXPECT_EQ(probe.pixFmt, "yuvj420p");
    EXPECT_EQ(probe.profileName, "High");
    expectTiming(probe, summary, 30, 1, 0.001);
}

struct ProresCase {
    const char* profile;
    const char* pixFmt;
    const char* decodedPixFmt;  ///< FFmpeg decodes 4444 at 12 bits
    const char* profileName;    ///< as libavcodec names it
};
class ProresTest : public ::testing::TestWithParam<ProresCase> {};

TEST_P(ProresTest, MovHasProfileFormatAndTiming) {
    test::TempDir dir;
    const auto out = dir.file("clip.mov");
    auto params = paramsFor(out, VideoCodec::ProRes);
    params.preset = GetParam().profile;
    params.fpsNum = 24000;
    params.fpsDen = 1001;
    const auto summary = encodeFrames(params, makeFrames(kWidth, kHeight, CV_16UC3, kFrames));
    const auto probe = probeVideo(out);
    EXPECT_EQ(probe.codecName, "prores");
    EXPECT_EQ(probe.pixFmt, GetParam().decodedPixFmt);
    EXPECT_EQ(probe.profileName, GetParam().profileName);
    EXPECT_EQ(probe.codecTag, GetParam().profile == std::string("4444")  ? "ap4h"
                              : GetParam().profile == std::string("422") ? "apcn"
                                                                         : "apch");
    EXPECT_EQ(summary.pixFmt, GetParam().pixFmt);
    expectTiming(probe, summary, 24000, 1001, 0.0);
}

INSTANTIATE_TEST_SUITE_P(Profiles, ProresTest,
                         ::testing::Values(ProresCase{"422", "yuv422p10le", "yuv422p10le", "Standard"},
                                           ProresCase{"422hq", "yuv422p10le", "yuv422p10le", "HQ"},
                                           ProresCase{"4444", "yuv444p10le", "yuv444p12le", "4444"}));

// AV1 depends on the FFmpeg build: where libsvtav1 is present the clip must come out right, and
// where it is missing the request must be refused up front, naming the missing encoder.
TEST(VideoEncoderTest, Av1Mp4WhenTheLibraryHasItOtherwiseAClearRefusal) {
    test::TempDir dir;
    const auto out = dir.file("clip.mp4");
    auto params = paramsFor(out, VideoCodec::Av1);
    const auto codecs = availableVideoCodecs();
    if (std::find(codecs.begin(), codecs.end(), VideoCodec::Av1) == codecs.end()) {
        try {
            validateEncodeParams(params);
            FAIL() << "AV1 accepted although this FFmpeg build has no libsvtav1";
        } catch (const SkyweaveError& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Unsupported);
            EXPECT_NE(std::string(e.what()).find("no libsvtav1 encoder"), std::string::npos) << e.what();
        }
        EXPECT_FALSE(std::filesystem::exists(out));
        return;
    }
    params.preset = "12";
    params.crf = 40;
    params.threads = 2;
    const auto summary = encodeFrames(params, makeFrames(64, 64, CV_8UC3, kFrames));  // SVT-AV1's minimum
    const auto probe = probeVideo(out);
    EXPECT_EQ(probe.codecName, "av1");
    EXPECT_EQ(probe.pixFmt, "yuv420p");
    expectTiming(probe, summary, 30, 1, 0.0);
}

// Lossless archive: FFV1 with the automatic pixel format must give back every bit.
struct LosslessCase {
    int type;
    const char* pixFmt;
};
class FfvLosslessTest : public ::testing::TestWithParam<LosslessCase> {};

TEST_P(FfvLosslessTest, RoundTripIsBitExact) {
    test::TempDir dir;
    const auto out = dir.file("archive.mkv");
    const auto frames = makeFrames(kWidth + 1, kHeight + 1, GetParam().type, kFrames);  // odd sizes too
    const auto summary = encodeFrames(paramsFor(out, VideoCodec::Ffv1), frames);
    EXPECT_EQ(summary.pixFmt, GetParam().pixFmt);
    EXPECT_TRUE(summary.note.empty()) << summary.note;
    const auto probe = probeVideo(out, GetParam().type);
    EXPECT_EQ(probe.codecName, "ffv1");
    EXPECT_EQ(probe.pixFmt, GetParam().pixFmt);
    expectTiming(probe, summary, 30, 1, 0.001);
    ASSERT_EQ(probe.frames.size(), frames.size());
    for (std::size_t i = 0; i < frames.size(); ++i)
        EXPECT_EQ(cv::norm(frames[i], probe.frames[i], cv::NORM_INF), 0.0) << "frame " << i;
}

INSTANTIATE_TEST_SUITE_P(Depths, FfvLosslessTest,
                         ::testing::Values(LosslessCase{CV_8UC3, "bgr0"}, LosslessCase{CV_16UC3, "gbrp16le"},
                                           LosslessCase{CV_8UC1, "gray"},
                                           LosslessCase{CV_16UC1, "gray16le"}));

TEST(VideoEncoderTest, OddSizeIsPaddedByDefaultAndSaysSo) {
    test::TempDir dir;
    const auto out = dir.file("odd.mp4");
    const auto summary = encodeFrames(paramsFor(out, VideoCodec::H264), makeFrames(65, 49, CV_8UC3, kFrames));
    const auto probe = probeVideo(out);
    EXPECT_EQ(probe.width, 66);
    EXPECT_EQ(probe.height, 50);
    EXPECT_NE(summary.note.find("padded 65×49 to 66×50 for yuv420p"), std::string::npos) << summary.note;
}

TEST(VideoEncoderTest, OddSizeCanBeCropped) {
    test::TempDir dir;
    const auto out = dir.file("odd.mp4");
    auto params = paramsFor(out, VideoCodec::H264);
    params.oddSize = OddSizePolicy::Crop;
    params.pixFmt = "yuv422p";  // 4:2:2 needs an even width only
    const auto summary = encodeFrames(params, makeFrames(65, 49, CV_8UC3, kFrames));
    const auto probe = probeVideo(out);
    EXPECT_EQ(probe.width, 64);
    EXPECT_EQ(probe.height, 49);
    EXPECT_NE(summary.note.find("cropped 65×49 to 64×49"), std::string::npos) << summary.note;
}

TEST(VideoEncoderTest, OddSizeKeptWhenThePixelFormatAllowsIt) {
    test::TempDir dir;
    const auto out = dir.file("odd.mkv");
    auto params = paramsFor(out, VideoCodec::H264);
    params.pixFmt = "yuv444p";
    const auto summary = encodeFrames(params, makeFrames(65, 49, CV_8UC3, kFrames));
    const auto probe = probeVideo(out);
    EXPECT_EQ(probe.width, 65);
    EXPECT_EQ(probe.height, 49);
    EXPECT_TRUE(summary.note.empty());
}

TEST(VideoEncoderTest, SynchronousModeAndProgressReports) {
    for (int queue : {0, 2}) {
        test::TempDir dir;
        const auto out = dir.file("clip.mkv");
        auto params = paramsFor(out, VideoCodec::Ffv1);
        params.queueFrames = queue;
        auto encoder = createVideoEncoder(params);
        long long lastEncoded = 0;
        int maxQueued = 0;
        encoder->setProgressCallback([&](const EncodeProgress& p) {
            EXPECT_EQ(p.framesEncoded, lastEncoded + 1);  // in order, one call per frame
            lastEncoded = p.framesEncoded;
            maxQueued = std::max(maxQueued, p.framesQueued);
            EXPECT_LE(p.framesEncoded, p.framesWritten);
        });
        encoder->open(FrameFormat{kWidth, kHeight, 3, CV_8U});
        for (const auto& f : makeFrames(kWidth, kHeight, CV_8UC3, kFrames)) encoder->write(f);
        EXPECT_LE(encoder->queuedFrames(), queue);
        encoder->finish();
        EXPECT_EQ(lastEncoded, kFrames);
        EXPECT_LE(maxQueued, queue);  // back-pressure bounds the queue
        EXPECT_EQ(probeVideo(out).decodedFrames, kFrames);
    }
}

TEST(VideoEncoderTest, DescribeNamesCodecAndPixelFormat) {
    test::TempDir dir;
    auto prores = paramsFor(dir.file("a.mov"), VideoCodec::ProRes);
    prores.preset = "4444";
    EXPECT_EQ(createVideoEncoder(prores)->describe(), dir.file("a.mov").string() + " (ProRes, yuv444p10le)");
    auto ffv1 = createVideoEncoder(paramsFor(dir.file("b.mkv"), VideoCodec::Ffv1));
    EXPECT_NE(ffv1->describe().find("FFV1, lossless"), std::string::npos) << ffv1->describe();
    ffv1->open(FrameFormat{kWidth, kHeight, 3, CV_16U});
    EXPECT_NE(ffv1->describe().find("(FFV1, gbrp16le)"), std::string::npos) << ffv1->describe();
}

TEST(VideoEncoderTest, MemoryEstimateCountsQueueAndCodec) {
    EncodeParams params;
    params.queueFrames = 3;
    const auto estimate = estimateEncoderMemory(params, FrameFormat{1920, 1080, 3, CV_8U});
    // yuv420p at (1920+1)×(1080+1) (room for padding): about 1.5 bytes per pixel.
    EXPECT_GE(estimate.queuedFrameBytes, 1920ULL * 1080 * 3 / 2);
    EXPECT_LT(estimate.queuedFrameBytes, 1922ULL * 1082 * 3 / 2 + 4096);
    EXPECT_EQ(estimate.queueFrames, 4);
    EXPECT_GT(estimate.codecBytes, 40 * estimate.queuedFrameBytes);  // x264 medium looks 40 frames ahead
    EXPECT_EQ(estimate.totalBytes(), 4 * estimate.queuedFrameBytes + estimate.codecBytes);
}

}  // namespace
}  // namespace skyweave::encode
