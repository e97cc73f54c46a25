#include "encode/EncodeRules.h"

#include <gtest/gtest.h>

#include <opencv2/core/hal/interface.h>

namespace skyweave::encode {
namespace {

TEST(EncodeRulesTest, ParsesFrameRatesExactly) {
    auto rate = [](const char* text) {
        const auto r = parseFrameRate(text);
        return r ? std::to_string(r->num) + "/" + std::to_string(r->den) : std::string("none");
    };
    EXPECT_EQ(rate("30"), "30/1");
    EXPECT_EQ(rate("29.97"), "30000/1001");
    EXPECT_EQ(rate("23.976"), "24000/1001");
    EXPECT_EQ(rate("59.94"), "60000/1001");
    EXPECT_EQ(rate("30000/1001"), "30000/1001");
    EXPECT_EQ(rate("60/2"), "30/1");
    EXPECT_EQ(rate("12.5"), "25/2");
    EXPECT_EQ(rate(".5"), "1/2");
    EXPECT_EQ(rate("0"), "none");
    EXPECT_EQ(rate("-30"), "none");
    EXPECT_EQ(rate("30/0"), "none");
    EXPECT_EQ(rate("abc"), "none");
    EXPECT_EQ(rate("30fps"), "none");
    EXPECT_EQ(rate("5000"), "none");
    EXPECT_EQ(rate("29."), "none");
}

TEST(EncodeRulesTest, AutomaticPixelFormatPerCodecAndInput) {
    EncodeParams p;
    p.pixFmt = "auto";
    EXPECT_EQ(resolvePixFmt(p, 3, CV_8U), "yuv420p");
    p.codec = VideoCodec::Ffv1;
    EXPECT_EQ(resolvePixFmt(p, 3, CV_8U), "bgr0");
    EXPECT_EQ(resolvePixFmt(p, 3, CV_16U), "gbrp16le");
    EXPECT_EQ(resolvePixFmt(p, 1, CV_8U), "gray");
    EXPECT_EQ(resolvePixFmt(p, 1, CV_16U), "gray16le");
    p.codec = VideoCodec::ProRes;
    EXPECT_EQ(resolvePixFmt(p, 3, CV_8U), "yuv422p10le");
    EXPECT_EQ(resolveProresProfile(p, "yuv422p10le"), "standard");
    p.preset = "4444xq";
    EXPECT_EQ(resolvePixFmt(p, 3, CV_8U), "yuv444p10le");
    p.pixFmt = "gray16";
    EXPECT_EQ(resolvePixFmt(p, 3, CV_8U), "gray16le");
}

TEST(EncodeRulesTest, NamesContainersAndChroma) {
    EXPECT_EQ(parseVideoCodec("H265"), VideoCodec::Hevc);
    EXPECT_EQ(parseVideoCodec("x264"), VideoCodec::H264);
    EXPECT_FALSE(parseVideoCodec("mpeg2").has_value());
    EXPECT_EQ(containerForPath("/a.b/out.MKV"), Container::Matroska);
    EXPECT_FALSE(containerForPath("/a.mkv/out").has_value());
    EXPECT_TRUE(chromaAlignment("yuv420p10le").evenHeight);
    EXPECT_TRUE(chromaAlignment("yuv422p").evenWidth);
    EXPECT_FALSE(chromaAlignment("yuv422p").evenHeight);
    EXPECT_FALSE(chromaAlignment("gbrp16le").evenWidth);
    EXPECT_EQ(resolveAv1Preset("medium"), 8);
    EXPECT_EQ(resolveAv1Preset("4"), 4);
    EXPECT_EQ(resolveAv1Preset("14"), -1);
    EXPECT_EQ(canonicalPixFmt("YUV420P10"), "yuv420p10le");
}

TEST(EncodeRulesTest, DefaultsAreValid) {
    EncodeParams p;
    p.outputPath = "out.mp4";
    EXPECT_NO_THROW(checkEncodeRules(p));
    for (VideoCodec c : {VideoCodec::Hevc, VideoCodec::Ffv1, VideoCodec::ProRes, VideoCodec::Av1}) {
        p.codec = c;
        p.pixFmt = "auto";
        p.outputPath = c == VideoCodec::ProRes ? "out.mov" : "out.mkv";
        EXPECT_NO_THROW(checkEncodeRules(p)) << videoCodecName(c);
    }
}

}  // namespace
}  // namespace skyweave::encode
