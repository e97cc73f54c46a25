#include "io/PngSequenceSink.h"

#include <gtest/gtest.h>

#include <fstream>

#include <opencv2/imgcodecs.hpp>

#include "TempDir.h"
#include "common/Errors.h"

using namespace skyweave;

namespace {

std::size_t entries(const std::filesystem::path& dir) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
    return n;
}

}  // namespace

TEST(PngSequenceSink, FinishMovesNumberedFramesIntoPlace) {
    test::TempDir dir;
    const auto out = dir.file("frames");
    PngSequenceSink sink(out, false);
    sink.open({5, 4, 1, CV_16U});
    for (int i = 0; i < 3; ++i) sink.write(cv::Mat(4, 5, CV_16UC1, cv::Scalar(1000 * i + 1)));
    EXPECT_FALSE(std::filesystem::exists(out));  // nothing under the final name until finish()
    sink.finish();
    EXPECT_EQ(entries(dir.path()), 1u);
    EXPECT_EQ(entries(out), 3u);
    const cv::Mat back = cv::imread((out / "frame_000002.png").string(), cv::IMREAD_UNCHANGED);
    ASSERT_EQ(back.type(), CV_16UC1);
    EXPECT_EQ(back.at<std::uint16_t>(0, 0), 2001);
}

TEST(PngSequenceSink, AbortAndDestructionLeaveNothing) {
    test::TempDir dir;
    {
        PngSequenceSink sink(dir.file("a"), false);
        sink.open({5, 4, 3, CV_8U});
        sink.write(cv::Mat(4, 5, CV_8UC3));
        sink.abort();
    }
    {
        PngSequenceSink sink(dir.file("b"), false);
        sink.open({5, 4, 3, CV_8U});
        sink.write(cv::Mat(4, 5, CV_8UC3));
    }
    EXPECT_EQ(entries(dir.path()), 0u);
}

TEST(PngSequenceSink, ExistingFolderIsKeptUnlessOverwrite) {
    test::TempDir dir;
    const auto out = dir.file("frames");
    std::filesystem::create_directory(out);
    std::ofstream(out / "keep.txt") << "x";
    PngSequenceSink refuse(out, false);
    EXPECT_THROW(refuse.open({2, 2, 1, CV_8U}), SkyweaveError);
    PngSequenceSink replace(out, true);
    replace.open({2, 2, 1, CV_8U});
    replace.write(cv::Mat(2, 2, CV_8UC1));
    replace.finish();
    EXPECT_FALSE(std::filesystem::exists(out / "keep.txt"));
    EXPECT_TRUE(std::filesystem::exists(out / "frame_000000.png"));
    EXPECT_EQ(entries(dir.path()), 1u);
}
