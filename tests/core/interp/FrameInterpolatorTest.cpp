#include "interp/FrameInterpolator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <opencv2/imgproc.hpp>

#include "common/Errors.h"

using namespace skyweave;

namespace {

constexpr int kSide = 320;
constexpr int kCanvas = 480;

/// A cloud-like texture: blurred noise at two scales, stretched to the full 8-bit range.
cv::Mat cloudCanvas(unsigned seed) {
    cv::RNG rng(seed);
    cv::Mat coarse(kCanvas, kCanvas, CV_32F), fine(kCanvas, kCanvas, CV_32F);
    rng.fill(coarse, cv::RNG::NORMAL, 0, 1);
    rng.fill(fine, cv::RNG::NORMAL, 0, 1);
    cv::GaussianBlur(coarse, coarse, cv::Size(), 9);
    cv::GaussianBlur(fine, fine, cv::Size(), 2);
    cv::Mat sum = coarse * 4.0 + fine, out;
    cv::normalize(sum, out, 0, 255, cv::NORM_MINMAX, CV_8U);
    return out;
}

/// The centre kSide² of the canvas after rotating by `degrees` about its centre and shifting by (dx, dy).
cv::Mat view(const cv::Mat& canvas, double degrees, double dx, double dy) {
    const cv::Point2f centre(kCanvas / 2.0f, kCanvas / 2.0f);
    cv::Mat m = cv::getRotationMatrix2D(centre, degrees, 1.0);
    m.at<double>(0, 2) += dx - (kCanvas - kSide) / 2.0;
    m.at<double>(1, 2) += dy - (kCanvas - kSide) / 2.0;
    cv::Mat out;
    cv::warpAffine(canvas, out, m, cv::Size(kSide, kSide), cv::INTER_CUBIC, cv::BORDER_REFLECT);
    return out;
}

/// Largest local misalignment between truth and result, by phase correlation of interior patches.
double maxLocalShift(const cv::Mat& truth, const cv::Mat& result) {
    cv::Mat t32, r32;
    truth.convertTo(t32, CV_32F);
    result.convertTo(r32, CV_32F);
    if (t32.channels() == 3) {
        cv::cvtColor(t32, t32, cv::COLOR_BGR2GRAY);
        cv::cvtColor(r32, r32, cv::COLOR_BGR2GRAY);
    }
    constexpr int kPatch = 64;
    double worst = 0.0;
    for (int y = 48; y + kPatch <= kSide - 48; y += 56) {
        for (int x = 48; x + kPatch <= kSide - 48; x += 56) {
            const cv::Rect r(x, y, kPatch, kPatch);
            const cv::Point2d s = cv::phaseCorrelate(t32(r), r32(r));
            worst = std::max(worst, std::hypot(s.x, s.y));
        }
    }
    return worst;
}

InterpolationParams flowParams(int factor = 2) {
    InterpolationParams p;
    p.factor = factor;
    return p;
}

}  // namespace

TEST(FrameInterpolator, TranslationAtHalfLandsWithinHalfPixel) {
    const cv::Mat canvas = cloudCanvas(1);
    const cv::Mat a = view(canvas, 0, -4.5, 3.0), b = view(canvas, 0, 4.5, -3.0), truth = view(canvas, 0, 0, 0);
    const PairResult r = interpolatePair(a, b, flowParams());
    ASSERT_EQ(r.frames.size(), 1u);
    EXPECT_FALSE(r.fellBackToBlend);
    EXPECT_LT(maxLocalShift(truth, r.frames[0]), 0.5);
    // The plain blend is visibly off: it shows both copies, not one at the middle.
    EXPECT_GT(cv::norm(truth, crossFade(a, b, 0.5), cv::NORM_L1), 2.0 * cv::norm(truth, r.frames[0], cv::NORM_L1));
}

TEST(FrameInterpolator, RotationAtHalfLandsWithinHalfPixel) {
    const cv::Mat canvas = cloudCanvas(2);
    const cv::Mat a = view(canvas, -3.0, 0, 0), b = view(canvas, 3.0, 0, 0), truth = view(canvas, 0, 0, 0);
    const PairResult r = interpolatePair(a, b, flowParams());
    ASSERT_EQ(r.frames.size(), 1u);
    EXPECT_LT(maxLocalShift(truth, r.frames[0]), 0.5);
}

TEST(FrameInterpolator, ColourFramesKeepTheirChannels) {
    const cv::Mat canvas = cloudCanvas(3);
    cv::Mat a, b, truth;
    const cv::Mat planesA[] = {view(canvas, 0, -3, 0), view(canvas, 0, -3, 0) / 2, 255 - view(canvas, 0, -3, 0)};
    const cv::Mat planesB[] = {view(canvas, 0, 3, 0), view(canvas, 0, 3, 0) / 2, 255 - view(canvas, 0, 3, 0)};
    const cv::Mat planesT[] = {view(canvas, 0, 0, 0), view(canvas, 0, 0, 0) / 2, 255 - view(canvas, 0, 0, 0)};
    cv::merge(planesA, 3, a);
    cv::merge(planesB, 3, b);
    cv::merge(planesT, 3, truth);
    const PairResult r = interpolatePair(a, b, flowParams());
    ASSERT_EQ(r.frames[0].type(), CV_8UC3);
    EXPECT_LT(maxLocalShift(truth, r.frames[0]), 0.5);
}

TEST(FrameInterpolator, FactorFourGivesThreeFramesInTimeOrder) {
    const cv::Mat canvas = cloudCanvas(4);
    const cv::Mat a = view(canvas, 0, -6, 0), b = view(canvas, 0, 6, 0);
    const PairResult r = interpolatePair(a, b, flowParams(4));
    ASSERT_EQ(r.frames.size(), 3u);
    for (int k = 1; k <= 3; ++k) {
        const cv::Mat truth = view(canvas, 0, -6 + 12.0 * k / 4, 0);
        EXPECT_LT(maxLocalShift(truth, r.frames[static_cast<std::size_t>(k - 1)]), 0.5) << "frame " << k;
    }
}

TEST(FrameInterpolator, SceneCutFallsBackToBlend) {
    const cv::Mat a = view(cloudCanvas(5), 0, 0, 0);
    const cv::Mat b = 255 - view(cloudCanvas(6), 0, 0, 0);
    InterpolationParams p = flowParams(3);
    const PairResult r = interpolatePair(a, b, p);
    EXPECT_TRUE(r.fellBackToBlend);
    EXPECT_GT(r.sceneChangePercent, p.sceneThresholdPercent);
    ASSERT_EQ(r.frames.size(), 2u);
    EXPECT_EQ(cv::norm(r.frames[0], crossFade(a, b, 1.0 / 3), cv::NORM_INF), 0.0);
    EXPECT_EQ(cv::norm(r.frames[1], crossFade(a, b, 2.0 / 3), cv::NORM_INF), 0.0);
}

TEST(FrameInterpolator, FastPanIsNotASceneCut) {
    // A shift of 40 px differs as much as a cut before compensation; the flow explains it, so it is warped.
    const cv::Mat canvas = cloudCanvas(8);
    const cv::Mat a = view(canvas, 0, -20, 0), b = view(canvas, 0, 20, 0);
    InterpolationParams p = flowParams(2);
    p.sceneThresholdPercent = 0.5 * sceneChangePercent(a, b);
    const PairResult r = interpolatePair(a, b, p);
    EXPECT_FALSE(r.fellBackToBlend) << r.sceneChangePercent << "% raw, " << r.compensatedPercent << "% compensated";
    EXPECT_LT(r.compensatedPercent, 0.2 * r.sceneChangePercent);
    // The same threshold still sees a cut.
    const cv::Mat cut = 255 - view(cloudCanvas(9), 0, 0, 0);
    EXPECT_TRUE(interpolatePair(a, cut, p).fellBackToBlend);
}

TEST(FrameInterpolator, SixteenBitStaysSixteenBit) {
    const cv::Mat canvas = cloudCanvas(7);
    cv::Mat a16, b16, t16;
    // A narrow IR-like range: 8-bit quantisation would leave only 16 distinct levels here.
    view(canvas, 0, -3, 2).convertTo(a16, CV_16U, 16.0 / 255.0 * 64.0, 20000);
    view(canvas, 0, 3, -2).convertTo(b16, CV_16U, 16.0 / 255.0 * 64.0, 20000);
    view(canvas, 0, 0, 0).convertTo(t16, CV_16U, 16.0 / 255.0 * 64.0, 20000);
    const PairResult r = interpolatePair(a16, b16, flowParams());
    ASSERT_EQ(r.frames[0].type(), CV_16UC1);
    EXPECT_LT(maxLocalShift(t16, r.frames[0]), 0.5);
    cv::Mat lowBits = r.frames[0] & cv::Scalar(0xFF);
    EXPECT_GT(cv::countNonZero(lowBits), r.frames[0].total() / 2);
}

TEST(FrameInterpolator, LargeFramesUseAFlowLevelAndStayAccurate) {
    const cv::Mat canvas = cloudCanvas(8);
    const cv::Mat a = view(canvas, 0, -5, 0), b = view(canvas, 0, 5, 0), truth = view(canvas, 0, 0, 0);
    InterpolationParams p = flowParams();
    p.maxFlowPixels = 160 * 160;  // a quarter of the pixels: flow at half size, upsampled
    p.stripRows = 37;             // strips that do not divide the height
    EXPECT_NEAR(flowLevelScale(a.size(), p), 0.5, 1e-9);
    const PairResult r = interpolatePair(a, b, p);
    EXPECT_LT(maxLocalShift(truth, r.frames[0]), 0.5);
}

TEST(FrameInterpolator, BlendAndDupMethods) {
    const cv::Mat a(8, 8, CV_8UC1, cv::Scalar(0)), b(8, 8, CV_8UC1, cv::Scalar(200));
    InterpolationParams p = flowParams(4);
    p.method = InterpolationMethod::Blend;
    PairResult r = interpolatePair(a, b, p);
    ASSERT_EQ(r.frames.size(), 3u);
    EXPECT_EQ(r.frames[0].at<std::uint8_t>(0, 0), 50);
    EXPECT_EQ(r.frames[2].at<std::uint8_t>(0, 0), 150);
    p.method = InterpolationMethod::Dup;
    r = interpolatePair(a, b, p);
    EXPECT_EQ(r.frames[0].at<std::uint8_t>(0, 0), 0);
    EXPECT_EQ(r.frames[2].at<std::uint8_t>(0, 0), 200);
    p.factor = 1;
    EXPECT_TRUE(interpolatePair(a, b, p).frames.empty());
}

TEST(FrameInterpolator, RefusesMismatchedPair) {
    const cv::Mat a(8, 8, CV_8UC1), b(8, 9, CV_8UC1);
    EXPECT_THROW(interpolatePair(a, b, flowParams()), SkyweaveError);
}
