#include "io/SequenceLoader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <opencv2/imgcodecs.hpp>

#include "TempDir.h"
#include "common/Errors.h"

using namespace skyweave;

namespace {

void write(const std::filesystem::path& p, const cv::Mat& m) { ASSERT_TRUE(cv::imwrite(p.string(), m)); }

std::string errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const SkyweaveError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(SequenceLoader, FolderInNaturalOrderSkippingOtherFiles) {
    test::TempDir dir;
    for (int i : {10, 2, 1}) write(dir.file("f" + std::to_string(i) + ".png"), cv::Mat(4, 6, CV_8UC1, cv::Scalar(i)));
    std::ofstream(dir.file("notes.txt")) << "x";
    write(dir.file(".hidden.png"), cv::Mat(9, 9, CV_8UC1));
    SequenceLoader loader({dir.path()}, {});
    ASSERT_EQ(loader.size(), 3u);
    EXPECT_EQ(loader.info().frames[2].filename(), "f10.png");
    EXPECT_EQ(loader.load(1).at<std::uint8_t>(0, 0), 2);
    EXPECT_EQ(loader.info().format.width, 6);
    EXPECT_EQ(loader.info().format.channels, 1);
}

TEST(SequenceLoader, MismatchedSizeNamesTheFile) {
    test::TempDir dir;
    write(dir.file("a.png"), cv::Mat(4, 6, CV_8UC1));
    write(dir.file("b.png"), cv::Mat(5, 6, CV_8UC1));
    const std::string msg = errorOf([&] { SequenceLoader({dir.path()}, {}); });
    EXPECT_NE(msg.find("b.png"), std::string::npos) << msg;
    EXPECT_NE(msg.find("6×5"), std::string::npos) << msg;
}

TEST(SequenceLoader, HeaderSizeCheckRejectsBeforeDecoding) {
    test::TempDir dir;
    // A PNG whose header claims 20000×20000 RGB16 (2.4 GB) but carries no pixel data at all: refusing it
    // with the size-limit message (not a decode error) proves nothing was decoded.
    write(dir.file("a.png"), cv::Mat(4, 4, CV_16UC3));
    std::ifstream in(dir.file("a.png"), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    const unsigned char dims[8] = {0, 0, 0x4E, 0x20, 0, 0, 0x4E, 0x20};
    bytes.replace(16, 8, reinterpret_cast<const char*>(dims), 8);
    bytes.resize(33);  // signature + IHDR only
    std::ofstream(dir.file("huge.png"), std::ios::binary) << bytes;
    SequenceParams p;
    p.maxImageBytes = 100ull << 20;
    const std::string msg = errorOf([&] { SequenceLoader({dir.file("huge.png")}, p); });
    EXPECT_NE(msg.find("huge.png"), std::string::npos) << msg;
    EXPECT_NE(msg.find("20000×20000"), std::string::npos) << msg;
    EXPECT_NE(msg.find("--max-image-mb"), std::string::npos) << msg;
}

TEST(SequenceLoader, MixedGreyColourAndDepthWidenToTheLargest) {
    test::TempDir dir;
    write(dir.file("1.png"), cv::Mat(4, 4, CV_8UC1, cv::Scalar(255)));
    write(dir.file("2.png"), cv::Mat(4, 4, CV_16UC3, cv::Scalar(1000, 2000, 3000)));
    write(dir.file("3.png"), cv::Mat(4, 4, CV_8UC4, cv::Scalar(1, 2, 3, 4)));
    SequenceLoader loader({dir.file("3.png"), dir.file("1.png"), dir.file("2.png")}, {});
    EXPECT_EQ(loader.info().format.channels, 3);
    EXPECT_EQ(loader.info().format.depth, CV_16U);
    const cv::Mat grey = loader.load(0);
    ASSERT_EQ(grey.type(), CV_16UC3);
    EXPECT_EQ(grey.at<cv::Vec3w>(0, 0), cv::Vec3w(65535, 65535, 65535));
    EXPECT_EQ(loader.load(1).at<cv::Vec3w>(2, 2), cv::Vec3w(1000, 2000, 3000));
    EXPECT_EQ(loader.load(2).at<cv::Vec3w>(0, 0), cv::Vec3w(257, 514, 771));
}

TEST(SequenceLoader, CropAndScale) {
    test::TempDir dir;
    cv::Mat m(40, 60, CV_8UC1, cv::Scalar(0));
    m(cv::Rect(10, 20, 20, 10)).setTo(200);
    write(dir.file("a.png"), m);
    SequenceParams p;
    p.crop = cv::Rect(10, 20, 20, 10);
    p.scale = 0.5;
    SequenceLoader loader({dir.file("a.png")}, p);
    const cv::Mat f = loader.load(0);
    EXPECT_EQ(f.size(), cv::Size(10, 5));
    EXPECT_EQ(cv::countNonZero(f != 200), 0);
    p.crop = cv::Rect(50, 0, 20, 10);
    EXPECT_NE(errorOf([&] { SequenceLoader({dir.file("a.png")}, p); }).find("does not lie inside"), std::string::npos);
}

TEST(SequenceLoader, CorruptPixelDataIsAnErrorNamingTheFile) {
    test::TempDir dir;
    write(dir.file("a.png"), cv::Mat(64, 64, CV_8UC1, cv::Scalar(7)));
    std::ifstream in(dir.file("a.png"), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    bytes.resize(40);
    std::ofstream(dir.file("cut.png"), std::ios::binary) << bytes;
    SequenceLoader loader({dir.file("cut.png")}, {});
    EXPECT_NE(errorOf([&] { (void)loader.load(0); }).find("cut.png"), std::string::npos);
}
