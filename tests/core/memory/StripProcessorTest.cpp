#include "memory/StripProcessor.h"

#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "common/Errors.h"

using skyweave::StripProcessor;

namespace {

cv::Mat noise(int rows, int cols, int type) {
    cv::Mat m(rows, cols, type);
    cv::RNG rng(1234);
    rng.fill(m, cv::RNG::UNIFORM, 0, 255);
    return m;
}

bool identical(const cv::Mat& a, const cv::Mat& b) {
    return a.size == b.size && a.type() == b.type() && cv::norm(a, b, cv::NORM_INF) == 0.0;
}

}  // namespace

TEST(StripProcessor, StripHeightComesFromTheByteBudget) {
    // Rows of 1000 bytes, 10 000 bytes per strip → 10 rows; doubled cost → 5; halo rows come out of it.
    EXPECT_EQ(StripProcessor(10'000).stripRows(1000), 10);
    EXPECT_EQ(StripProcessor(10'000, 0, 2.0).stripRows(1000), 5);
    EXPECT_EQ(StripProcessor(10'000, 2).stripRows(1000), 6);
    EXPECT_EQ(StripProcessor(10).stripRows(1000), 1);  // never less than one row
    const auto plan = StripProcessor(10'000).plan(25, 1000);
    ASSERT_EQ(plan.size(), 3U);
    EXPECT_EQ(plan[0], cv::Range(0, 10));
    EXPECT_EQ(plan[2], cv::Range(20, 25));
}

TEST(StripProcessor, PerPixelResultEqualsTheWholeImage) {
    const cv::Mat input = noise(257, 131, CV_8UC3);
    cv::Mat whole;
    input.convertTo(whole, CV_32FC3, 0.5, 3.0);
    int calls = 0;
    const StripProcessor strips(131 * 3 * 16);  // 16 rows a strip
    const cv::Mat result = strips.process(input, [&](const cv::Mat& strip, int) {
        ++calls;
        cv::Mat out;
        strip.convertTo(out, CV_32FC3, 0.5, 3.0);
        return out;
    });
    EXPECT_EQ(calls, 17);
    EXPECT_TRUE(identical(result, whole));
}

TEST(StripProcessor, NeighbourhoodResultEqualsTheWholeImageWithAHalo) {
    const cv::Mat input = noise(200, 90, CV_32FC1);
    cv::Mat whole;
    cv::GaussianBlur(input, whole, cv::Size(7, 7), 1.5, 1.5, cv::BORDER_REFLECT);
    // Strips are copied before blurring so the filter cannot peek past them; the 3-row halo is enough.
    const StripProcessor strips(90 * 4 * 23, 3);
    const cv::Mat result = strips.process(input, [](const cv::Mat& strip, int) {
        cv::Mat out;
        cv::GaussianBlur(strip.clone(), out, cv::Size(7, 7), 1.5, 1.5, cv::BORDER_REFLECT);
        return out;
    });
    EXPECT_TRUE(identical(result, whole));

    // Without the halo the strip edges differ: the halo is what makes it exact.
    const cv::Mat noHalo = StripProcessor(90 * 4 * 17).process(input, [](const cv::Mat& strip, int) {
        cv::Mat out;
        cv::GaussianBlur(strip.clone(), out, cv::Size(7, 7), 1.5, 1.5, cv::BORDER_REFLECT);
        return out;
    });
    EXPECT_FALSE(identical(noHalo, whole));
}

TEST(StripProcessor, PassesTheFirstRowOfEachStrip) {
    const cv::Mat input = cv::Mat::zeros(10, 4, CV_32SC1);
    const cv::Mat rows = StripProcessor(4 * 4 * 3).process(input, [](const cv::Mat& strip, int firstRow) {
        cv::Mat out(strip.rows, strip.cols, CV_32SC1);
        for (int r = 0; r < out.rows; ++r) out.row(r).setTo(firstRow + r);
        return out;
    });
    for (int r = 0; r < 10; ++r) EXPECT_EQ(rows.at<int>(r, 2), r);
}

TEST(StripProcessor, WrongStripShapeAndCancelAreReported) {
    const cv::Mat input = cv::Mat::zeros(10, 4, CV_8UC1);
    const StripProcessor strips(8);
    EXPECT_THROW((void)strips.process(
                     input, [](const cv::Mat& s, int) { return cv::Mat(s.rows + 1, s.cols, s.type()); }),
                 skyweave::SkyweaveError);
    skyweave::CancelToken cancel;
    int calls = 0;
    EXPECT_THROW((void)strips.process(
                     input,
                     [&](const cv::Mat& s, int) {
                         if (++calls == 2) cancel.requestCancel();
                         return s.clone();
                     },
                     cancel),
                 skyweave::CancelledError);
    EXPECT_EQ(calls, 2);
    EXPECT_TRUE(strips.process(cv::Mat(), [](const cv::Mat& s, int) { return s; }).empty());
}
