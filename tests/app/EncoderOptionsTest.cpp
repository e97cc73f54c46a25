#include "EncoderOptions.h"
#include "SchemaOptions.h"

#include <QCommandLineParser>

#include <gtest/gtest.h>

#include "encode/EncodeRules.h"
#include "interp/InterpolateSchema.h"

namespace skyweave::cli {

using namespace skyweave::encode;

namespace {

/**
 * Parses `args` (after a fake program name) as `skyweave-cli encode` does: the encode schema's options,
 * then the one mapping to EncodeParams and the codec rules. Returns the usage error, empty on success.
 */
QString parse(const QStringList& args, EncodeParams& params) {
    QCommandLineParser parser;
    addSchemaOptions(parser, encodeSchema());
    if (!parser.parse(QStringList{"skyweave-cli"} + args)) return parser.errorText();
    ParamValues values = schemaValues(parser, encodeSchema());
    // Without an output the rules get a name that fits the codec: everything but the container is checked.
    std::string output = params.outputPath;
    if (output.empty()) output = parser.value("codec") == "prores" ? "probe.mov" : parser.value("codec") == "ffv1" ? "probe.mkv" : "probe.mp4";
    values["output"] = output;
    try {
        const auto request = interpolateRequestFromValues(encodeSchema(), values, {"in"});
        validateEncodeParams(*request.video);
        const std::string keepPath = params.outputPath;
        params = *request.video;
        params.outputPath = keepPath;
    } catch (const ParamError& e) {
        return optionMessage(e);
    } catch (const SkyweaveError& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

TEST(EncoderOptionsTest, DefaultsGiveH264Crf20AutoPixFmt) {
    EncodeParams p;
    EXPECT_EQ(parse({}, p), "");
    EXPECT_EQ(p.codec, VideoCodec::H264);
    EXPECT_EQ(p.crf, 20);
    EXPECT_EQ(p.preset, "medium");
    EXPECT_EQ(p.pixFmt, "auto");
    EXPECT_EQ(p.fpsNum, 30);
    EXPECT_EQ(p.fpsDen, 1);
    EXPECT_FALSE(p.overwrite);
}

TEST(EncoderOptionsTest, ParsesEveryOption) {
    EncodeParams p;
    p.outputPath = "/tmp/out.mkv";
    EXPECT_EQ(parse({"--codec", "hevc", "--bitrate", "8000", "--preset", "slow", "--pix-fmt", "yuv420p10le",
                     "--fps", "29.97", "--tune", "grain", "--keyint", "60", "--encoder-threads", "2",
                     "--odd-size", "crop", "--overwrite"},
                    p),
              "");
    EXPECT_EQ(p.codec, VideoCodec::Hevc);
    EXPECT_EQ(p.crf, -1);
    EXPECT_EQ(p.bitrateKbps, 8000);
    EXPECT_EQ(p.preset, "slow");
    EXPECT_EQ(p.pixFmt, "yuv420p10le");
    EXPECT_EQ(p.fpsNum, 30000);
    EXPECT_EQ(p.fpsDen, 1001);
    EXPECT_EQ(p.tune, "grain");
    EXPECT_EQ(p.keyframeInterval, 60);
    EXPECT_EQ(p.threads, 2);
    EXPECT_EQ(p.oddSize, OddSizePolicy::Crop);
    EXPECT_TRUE(p.overwrite);
}

TEST(EncoderOptionsTest, BadValuesAreUsageErrorsThatSayWhatIsAllowed) {
    auto error = [](const QStringList& args, const char* path = "") {
        EncodeParams p;
        p.outputPath = path;
        return parse(args, p);
    };
    EXPECT_TRUE(error({"--codec", "mpeg2"}).contains("one of h264, hevc, ffv1, prores, av1"));
    EXPECT_TRUE(error({"--crf", "60"}).contains("0–51"));
    EXPECT_TRUE(error({"--crf", "abc"}).contains("--crf"));
    EXPECT_TRUE(error({"--crf", "20", "--bitrate", "100"}).contains("cannot be combined"));
    EXPECT_TRUE(error({"--bitrate", "0"}).contains("--bitrate"));
    EXPECT_TRUE(error({"--codec", "ffv1", "--crf", "10"}).contains("lossless"));
    EXPECT_TRUE(error({"--fps", "fast"}).contains("30000/1001"));
    EXPECT_TRUE(error({"--preset", "warp"}).contains("ultrafast"));
    EXPECT_TRUE(error({"--pix-fmt", "rgb565"}).contains("yuv420p"));
    EXPECT_TRUE(error({"--keyint", "-1"}).contains("--keyint"));
    EXPECT_TRUE(error({"--odd-size", "stretch"}).contains("one of pad, crop"));
    EXPECT_TRUE(error({"--codec", "prores"}, "/tmp/out.mp4").contains(".mov"));
    EXPECT_EQ(error({"--codec", "prores", "--preset", "4444"}, "/tmp/out.mov"), "");
}

TEST(EncoderOptionsTest, SummaryLineAndJson) {
    EncodeSummary s;
    s.outputPath = "out.mp4";
    s.frames = 200;
    s.durationSeconds = 200.0 * 1001 / 30000;
    s.bytes = 12'300'000;
    s.bitrateKbps = 14760.4;
    s.codec = "H.264";
    s.pixFmt = "yuv420p";
    s.width = 1920;
    s.height = 1080;
    s.fpsNum = 30000;
    s.fpsDen = 1001;
    EXPECT_EQ(encodeSummaryLine(s),
              "out.mp4: 200 frames 1920×1080 H.264 yuv420p, 29.97 fps (30000/1001), 6.673 s, 12.3 MB, 14760 "
              "kbit/s");
    const auto json = encodeSummaryJson(s);
    EXPECT_EQ(json["frames"].toInt(), 200);
    EXPECT_EQ(json["fps"].toString(), "30000/1001");
    EXPECT_EQ(frameRateText(30, 1), "30 fps");
}

}  // namespace
}  // namespace skyweave::cli
