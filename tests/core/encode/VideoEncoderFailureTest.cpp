// What must never happen: half-written files, clobbered outputs, silent acceptance of
// combinations that cannot be encoded.
#include "encode/VideoEncoder.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "EncodeTestFrames.h"
#include "TempDir.h"
#include "VideoProbe.h"
#include "common/Errors.h"

namespace skyweave::encode {
namespace {

using test::makeFrames;

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

EncodeParams h264(const std::filesystem::path& out) {
    EncodeParams p;
    p.outputPath = out.string();
    p.preset = "ultrafast";
    return p;
}

/// Expects validateEncodeParams to refuse `p` with `kind` and a message containing every `parts`.
void expectRefused(const EncodeParams& p, ErrorKind kind, std::initializer_list<const char*> parts) {
    try {
        validateEncodeParams(p);
        ADD_FAILURE() << "accepted " << p.outputPath;
    } catch (const SkyweaveError& e) {
        EXPECT_EQ(e.kind(), kind) << e.what();
        for (const char* part : parts)
            EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
    }
}

TEST(VideoEncoderFailureTest, AbortLeavesNoFile) {
    test::TempDir dir;
    const auto out = dir.file("clip.mp4");
    auto encoder = createVideoEncoder(h264(out));
    encoder->open(FrameFormat{64, 48, 3, CV_8U});
    for (const auto& f : makeFrames(64, 48, CV_8UC3, 5)) encoder->write(f);
    EXPECT_EQ(test::entriesIn(dir.path()), 1);  // only the hidden temporary exists while writing
    EXPECT_FALSE(std::filesystem::exists(out));
    encoder->abort();
    EXPECT_EQ(test::entriesIn(dir.path()), 0);
    EXPECT_NO_THROW(encoder->abort());  // idempotent
}

TEST(VideoEncoderFailureTest, DestroyedWithoutFinishLeavesNoFile) {
    test::TempDir dir;
    {
        auto encoder = createVideoEncoder(h264(dir.file("clip.mkv")));
        encoder->open(FrameFormat{64, 48, 1, CV_16U});
        for (const auto& f : makeFrames(64, 48, CV_16UC1, 3)) encoder->write(f);
    }
    EXPECT_EQ(test::entriesIn(dir.path()), 0);
}

TEST(VideoEncoderFailureTest, ExistingOutputUntouchedWithoutOverwrite) {
    test::TempDir dir;
    const auto out = dir.file("clip.mp4");
    std::ofstream(out) << "precious";
    try {
        createVideoEncoder(h264(out));
        ADD_FAILURE() << "an existing output was accepted without overwrite";
    } catch (const SkyweaveError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Io);
        EXPECT_NE(std::string(e.what()).find("already exists"), std::string::npos) << e.what();
    }
    EXPECT_EQ(readFile(out), "precious");
    EXPECT_EQ(test::entriesIn(dir.path()), 1);
}

TEST(VideoEncoderFailureTest, OverwriteReplacesOnlyOnFinish) {
    test::TempDir dir;
    const auto out = dir.file("clip.mp4");
    std::ofstream(out) << "old";
    auto params = h264(out);
    params.overwrite = true;
    {
        auto encoder = createVideoEncoder(params);
        encoder->open(FrameFormat{64, 48, 3, CV_8U});
        for (const auto& f : makeFrames(64, 48, CV_8UC3, 4)) encoder->write(f);
        encoder->abort();  // a cancelled run keeps the old file
    }
    EXPECT_EQ(readFile(out), "old");
    test::encodeFrames(params, makeFrames(64, 48, CV_8UC3, 4));
    EXPECT_EQ(test::probeVideo(out).decodedFrames, 4);
    EXPECT_EQ(test::entriesIn(dir.path()), 1);
}

TEST(VideoEncoderFailureTest, WrongFrameShapeIsRefused) {
    test::TempDir dir;
    auto encoder = createVideoEncoder(h264(dir.file("clip.mp4")));
    encoder->open(FrameFormat{64, 48, 3, CV_8U});
    encoder->write(makeFrames(64, 48, CV_8UC3, 1)[0]);
    try {
        encoder->write(cv::Mat(48, 64, CV_8UC1, cv::Scalar(0)));
        ADD_FAILURE() << "a grey frame went into a colour stream";
    } catch (const SkyweaveError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::BadInput);
        EXPECT_NE(std::string(e.what()).find("frame 1 is 64×48 CV_8UC1"), std::string::npos) << e.what();
    }
    encoder->abort();
    EXPECT_EQ(test::entriesIn(dir.path()), 0);
}

TEST(VideoEncoderFailureTest, FinishWithoutFramesWritesNothing) {
    test::TempDir dir;
    auto encoder = createVideoEncoder(h264(dir.file("clip.mp4")));
    encoder->open(FrameFormat{64, 48, 3, CV_8U});
    EXPECT_THROW(encoder->finish(), SkyweaveError);
    EXPECT_EQ(test::entriesIn(dir.path()), 0);
}

TEST(VideoEncoderFailureTest, UnsupportedCombinationsListWhatIsAllowed) {
    EncodeParams p;
    p.outputPath = "/tmp/x.mp4";
    p.codec = VideoCodec::Ffv1;
    expectRefused(p, ErrorKind::Unsupported,
                  {"ffv1 cannot go in MP4", "allowed there: h264, hevc, av1", ".mkv"});

    p = EncodeParams{};
    p.outputPath = "/tmp/x.mkv";
    p.codec = VideoCodec::ProRes;
    expectRefused(p, ErrorKind::Unsupported, {"prores", ".mov"});

    p.outputPath = "/tmp/x.mov";
    p.pixFmt = "yuv420p";
    expectRefused(p, ErrorKind::Unsupported, {"pixel format yuv420p", "yuv422p10le, yuv444p10le"});

    p.pixFmt = "yuv422p10le";
    p.preset = "4444";
    expectRefused(p, ErrorKind::Unsupported, {"profile 4444 needs pixel format yuv444p10le"});

    p = EncodeParams{};
    p.outputPath = "/tmp/x.mp4";
    p.codec = VideoCodec::Av1;
    p.pixFmt = "yuv444p";
    expectRefused(p, ErrorKind::Unsupported, {"allowed: auto, yuv420p, yuv420p10le"});

    p = EncodeParams{};
    p.outputPath = "/tmp/x.mp4";
    p.pixFmt = "gray16le";
    expectRefused(p, ErrorKind::Unsupported, {"h264", "gray10le"});

    p.pixFmt = "yuv420p";
    p.preset = "quick";
    expectRefused(p, ErrorKind::BadInput, {"unknown preset quick", "ultrafast", "veryslow"});

    p.preset = "medium";
    p.crf = 70;
    expectRefused(p, ErrorKind::BadInput, {"CRF 70", "0–51"});

    p.crf = 20;
    p.tune = "cartoon";
    expectRefused(p, ErrorKind::BadInput, {"unknown tune cartoon", "animation"});

    p.tune.clear();
    p.outputPath = "/tmp/x.avi";
    expectRefused(p, ErrorKind::BadInput, {".mp4, .mkv or .mov"});

    p.outputPath = "/tmp/x.mkv";
    p.codec = VideoCodec::Ffv1;
    p.pixFmt = "auto";
    p.crf = -1;
    p.bitrateKbps = 5000;
    expectRefused(p, ErrorKind::Unsupported, {"no bitrate control", "lossless"});

    p = EncodeParams{};
    p.outputPath = "/tmp/x.mp4";
    p.fpsNum = 0;
    expectRefused(p, ErrorKind::BadInput, {"frame rate 0/1"});
}

}  // namespace
}  // namespace skyweave::encode
