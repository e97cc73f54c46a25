#include "io/ImageHeader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <opencv2/imgcodecs.hpp>

#include "TempDir.h"
#include "common/Errors.h"

using namespace skyweave;

namespace {

std::filesystem::path writeImage(const test::TempDir& dir, const std::string& name, int w, int h, int type) {
    cv::Mat m(h, w, type, cv::Scalar::all(100));
    const auto path = dir.file(name);
    EXPECT_TRUE(cv::imwrite(path.string(), m));
    return path;
}

std::filesystem::path writeBytes(const test::TempDir& dir, const std::string& name, const std::string& bytes) {
    const auto path = dir.file(name);
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

std::string fileBytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST(ImageHeader, ReadsEveryFormatItWrites) {
    test::TempDir dir;
    struct Case { const char* name; int type; ImageFormat format; int channels; int bits; };
    const Case cases[] = {
        {"g8.png", CV_8UC1, ImageFormat::Png, 1, 8},     {"c16.png", CV_16UC3, ImageFormat::Png, 3, 16},
        {"a8.png", CV_8UC4, ImageFormat::Png, 4, 8},     {"g8.jpg", CV_8UC1, ImageFormat::Jpeg, 1, 8},
        {"c8.jpeg", CV_8UC3, ImageFormat::Jpeg, 3, 8},   {"g16.tif", CV_16UC1, ImageFormat::Tiff, 1, 16},
        {"c8.tiff", CV_8UC3, ImageFormat::Tiff, 3, 8},   {"c8.bmp", CV_8UC3, ImageFormat::Bmp, 3, 8},
    };
    for (const auto& c : cases) {
        const ImageHeader h = probeImageHeader(writeImage(dir, c.name, 37, 21, c.type));
        EXPECT_EQ(h.format, c.format) << c.name;
        EXPECT_EQ(h.width, 37) << c.name;
        EXPECT_EQ(h.height, 21) << c.name;
        EXPECT_EQ(h.channels, c.channels) << c.name;
        EXPECT_EQ(h.bitsPerChannel, c.bits) << c.name;
    }
    EXPECT_EQ(probeImageHeader(dir.file("c16.png")).decodedBytes(), 37u * 21u * 3u * 2u);
    EXPECT_EQ(probeImageHeader(dir.file("a8.png")).decodedBytes(), 37u * 21u * 3u);  // alpha dropped
}

TEST(ImageHeader, TruncatedAndHostileFilesAreErrorsNamingTheFile) {
    test::TempDir dir;
    const auto png = fileBytes(writeImage(dir, "ok.png", 8, 8, CV_8UC1));
    const auto jpg = fileBytes(writeImage(dir, "ok.jpg", 8, 8, CV_8UC1));
    const auto tif = fileBytes(writeImage(dir, "ok.tif", 8, 8, CV_8UC1));
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"empty.png", ""},
        {"text.png", "hello, this is not an image at all"},
        {"short.png", png.substr(0, 20)},
        {"short.jpg", jpg.substr(0, 6)},
        {"eoi.jpg", std::string("\xFF\xD8\xFF\xD9", 4) + std::string(8, '\0')},
        {"loop.jpg", std::string("\xFF\xD8\xFF\xE0\x00\x00", 6) + std::string(8, '\0')},  // zero-length segment
        // A frame header with 0-bit samples (found by the image header fuzz target).
        {"zerobits.jpg", std::string("\xFF\xD8\xFF\xC0\x00\x0B\x00\x00\x08\x00\x08\x01\x01\x11\x00", 15) +
                             std::string("\xFF\xD9", 2)},
        {"ifd.tif", std::string("II*\0\xFF\xFF\xFF\x7F", 8) + std::string(8, '\0')},     // IFD beyond the end
        {"short.tif", tif.substr(0, 12)},
        {"zero.bmp", std::string("BM") + std::string(12, '\0') + std::string("\x28\0\0\0", 4) + std::string(16, '\0')},
    };
    for (const auto& [name, bytes] : bad) {
        const auto path = writeBytes(dir, name, bytes);
        try {
            probeImageHeader(path);
            ADD_FAILURE() << name << " was accepted";
        } catch (const SkyweaveError& e) {
            EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
        }
    }
    EXPECT_THROW(probeImageHeader(dir.file("missing.png")), SkyweaveError);
}

TEST(ImageHeader, RefusesAbsurdDimensions) {
    test::TempDir dir;
    std::string png = fileBytes(writeImage(dir, "ok.png", 8, 8, CV_8UC1));
    png[16] = '\x7F';  // width 0x7F000008
    EXPECT_THROW(probeImageHeader(writeBytes(dir, "huge.png", png)), SkyweaveError);
}
