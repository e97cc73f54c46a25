#include "io/PngDecoder.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <zlib.h>

#include "PngChunk.h"
#include "TempDir.h"
#include "common/Errors.h"
#include "io/SequenceLoader.h"

using namespace skyweave;

namespace {

using Bytes = std::string;
using test::appendBe32;
using test::appendPngChunk;

struct PngSpec {
    int width = 0;
    int height = 0;
    int bitDepth = 8;
    int colourType = 2;
    int interlace = 0;
    std::uint32_t seed = 1;
    std::vector<std::pair<std::string, Bytes>> extraChunks;  ///< written before IDAT
};

int samplesPerPixel(int colourType) {
    switch (colourType) {
        case 0: return 1;
        case 2: return 3;
        case 4: return 2;
        case 6: return 4;
        default: return 1;  // palette
    }
}

/// A PNG written by hand: random samples, and every row filter type in turn (none, sub, up, average,
/// Paeth), so each unfiltering routine sees every pixel width and row length under test. The filter
/// byte only changes how rows are stored: the decoded pixels are the random samples either way.
Bytes makePng(const PngSpec& spec) {
    const int bitsPerPixel = spec.bitDepth * samplesPerPixel(spec.colourType);
    const std::size_t rowBytes = (static_cast<std::size_t>(spec.width) * bitsPerPixel + 7) / 8;
    const std::size_t bpp = std::max<std::size_t>(1, static_cast<std::size_t>(bitsPerPixel) / 8);
    std::mt19937 rng(spec.seed);
    std::vector<unsigned char> raw;
    std::vector<unsigned char> previous(rowBytes, 0);
    for (int y = 0; y < spec.height; ++y) {
        std::vector<unsigned char> row(rowBytes);
        for (auto& b : row) b = static_cast<unsigned char>(rng());
        const int filter = y % 5;
        raw.push_back(static_cast<unsigned char>(filter));
        for (std::size_t i = 0; i < rowBytes; ++i) {
            const int a = i >= bpp ? row[i - bpp] : 0, b = previous[i], c = i >= bpp ? previous[i - bpp] : 0;
            int predictor = 0;
            switch (filter) {
                case 1: predictor = a; break;
                case 2: predictor = b; break;
                case 3: predictor = (a + b) / 2; break;
                case 4: {
                    const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
                    predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
                    break;
                }
                default: break;
            }
            raw.push_back(static_cast<unsigned char>(row[i] - predictor));
        }
        previous = row;
    }
    uLongf packedSize = compressBound(static_cast<uLong>(raw.size()));
    Bytes packed(packedSize, '\0');
    EXPECT_EQ(compress2(reinterpret_cast<Bytef*>(packed.data()), &packedSize, raw.data(),
                        static_cast<uLong>(raw.size()), 6),
              Z_OK);
    packed.resize(packedSize);

    Bytes png("\x89PNG\r\n\x1a\n", 8);
    Bytes header;
    appendBe32(header, static_cast<std::uint32_t>(spec.width));
    appendBe32(header, static_cast<std::uint32_t>(spec.height));
    for (const int byte : {spec.bitDepth, spec.colourType, 0, 0, spec.interlace})
        header.push_back(static_cast<char>(byte));
    appendPngChunk(png, "IHDR", header);
    for (const auto& [type, data] : spec.extraChunks) appendPngChunk(png, type.c_str(), data);
    appendPngChunk(png, "IDAT", packed);
    appendPngChunk(png, "IEND", {});
    return png;
}

std::filesystem::path writeFile(const test::TempDir& dir, const std::string& name, const Bytes& bytes) {
    const auto path = dir.file(name);
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

/// What OpenCV decodes, with alpha dropped as decodePng() drops it.
cv::Mat openCvReference(const std::filesystem::path& path) {
    cv::Mat m = cv::imread(path.string(), cv::IMREAD_UNCHANGED);
    if (m.channels() == 4) cv::cvtColor(m, m, cv::COLOR_BGRA2BGR);
    if (m.channels() == 2) cv::extractChannel(m, m, 0);
    return m;
}

bool samePixels(const cv::Mat& ours, const cv::Mat& reference) {
    cv::Mat compared = ours;
    // OpenCV widens grey + alpha to BGRA; decodePng keeps it grey. Same samples either way.
    if (ours.channels() == 1 && reference.channels() == 3) cv::cvtColor(ours, compared, cv::COLOR_GRAY2BGR);
    return compared.size() == reference.size() && compared.type() == reference.type() &&
           cv::norm(compared, reference, cv::NORM_INF) == 0;
}

}  // namespace

TEST(PngDecoder, DecodesEveryTakenLayoutExactlyAsOpenCvDoes) {
    test::TempDir dir;
    int checked = 0;
    for (const int colourType : {0, 2, 4, 6}) {
        for (const int bitDepth : {8, 16}) {
            for (const int width : {1, 2, 3, 5, 17, 21, 63, 64, 65, 97}) {
                for (const int height : {1, 2, 7}) {
                    PngSpec spec;
                    spec.width = width;
                    spec.height = height;
                    spec.bitDepth = bitDepth;
                    spec.colourType = colourType;
                    spec.seed = static_cast<std::uint32_t>(checked + 1);
                    const std::string name = cv::format("c%d_d%d_%dx%d.png", colourType, bitDepth, width, height);
                    const auto path = writeFile(dir, name, makePng(spec));
                    const std::optional<cv::Mat> ours = decodePng(path);
                    ASSERT_TRUE(ours.has_value()) << name;
                    EXPECT_EQ(ours->channels(), colourType >= 2 && colourType != 4 ? 3 : 1) << name;
                    EXPECT_EQ(ours->depth(), bitDepth == 16 ? CV_16U : CV_8U) << name;
                    EXPECT_TRUE(ours->isContinuous()) << name;
                    EXPECT_TRUE(samePixels(*ours, openCvReference(path))) << name;
                    ++checked;
                }
            }
        }
    }
    EXPECT_EQ(checked, 4 * 2 * 10 * 3);
}

TEST(PngDecoder, MatchesOpenCvOnWhatOpenCvWrites) {
    test::TempDir dir;
    cv::RNG rng(7);
    for (const int type : {CV_8UC1, CV_8UC3, CV_8UC4, CV_16UC1, CV_16UC3, CV_16UC4}) {
        cv::Mat m(45, 61, type);
        rng.fill(m, cv::RNG::UNIFORM, 0, CV_MAT_DEPTH(type) == CV_16U ? 65536 : 256);
        const auto path = dir.file(cv::format("w%d.png", type));
        ASSERT_TRUE(cv::imwrite(path.string(), m));
        const std::optional<cv::Mat> ours = decodePng(path);
        ASSERT_TRUE(ours.has_value()) << path;
        EXPECT_TRUE(samePixels(*ours, openCvReference(path))) << path;
    }
}

TEST(PngDecoder, LeavesOtherKindsToOpenCv) {
    test::TempDir dir;
    const auto jpeg = dir.file("frame.jpg");
    ASSERT_TRUE(cv::imwrite(jpeg.string(), cv::Mat(8, 8, CV_8UC3, cv::Scalar(1, 2, 3))));
    EXPECT_FALSE(decodePng(jpeg).has_value());

    PngSpec palette{9, 4, 8, 3};
    palette.extraChunks = {{"PLTE", Bytes(256 * 3, '\7')}};
    PngSpec subByte{9, 4, 2, 0};
    PngSpec interlaced{9, 4, 8, 2, 1};
    PngSpec keyed{9, 4, 8, 2};
    keyed.extraChunks = {{"tRNS", Bytes("\0\1\0\2\0\3", 6)}};
    PngSpec animated{9, 4, 8, 6};
    animated.extraChunks = {{"acTL", Bytes("\0\0\0\1\0\0\0\0", 8)}};
    for (const auto& [name, spec] : std::vector<std::pair<std::string, PngSpec>>{
             {"palette", palette}, {"2bit", subByte}, {"adam7", interlaced}, {"trns", keyed}, {"apng", animated}})
        EXPECT_FALSE(decodePng(writeFile(dir, name + ".png", makePng(spec))).has_value()) << name;
}

TEST(PngDecoder, DamagedFilesGetOpenCvsVerdict) {
    test::TempDir dir;
    const Bytes good = makePng({33, 9, 8, 2});
    // A flipped bit in the pixel data: the IDAT CRC no longer matches.
    Bytes flipped = good;
    flipped[flipped.size() - 12 - 20] ^= 0x10;
    EXPECT_FALSE(decodePng(writeFile(dir, "flipped.png", flipped)).has_value());
    // Rows missing, with every CRC valid: libavcodec refuses it rather than return a partial picture.
    PngSpec tall{33, 9, 8, 2};
    Bytes shortRows = makePng(tall);
    PngSpec claimed = tall;
    claimed.height = 40;  // the header claims more rows than the data holds
    const Bytes longer = makePng(claimed);
    shortRows.erase(shortRows.begin() + 8, shortRows.begin() + 8 + 25);
    shortRows.insert(shortRows.begin() + 8, longer.begin() + 8, longer.begin() + 8 + 25);
    const auto cut = writeFile(dir, "short.png", shortRows);
    EXPECT_FALSE(decodePng(cut).has_value());
    EXPECT_TRUE(cv::imread(cut.string(), cv::IMREAD_UNCHANGED).empty());
    // Through the sequence loader the message is the one OpenCV's failure always gave.
    const auto ok = writeFile(dir, "a_ok.png", makePng(claimed));
    SequenceLoader loader({ok, cut}, SequenceParams{});
    EXPECT_NO_THROW((void)loader.load(0));
    try {
        (void)loader.load(1);
        FAIL() << "a PNG with rows missing decoded";
    } catch (const SkyweaveError& e) {
        EXPECT_NE(std::string(e.what()).find("short.png: cannot be decoded"), std::string::npos) << e.what();
    }
}
