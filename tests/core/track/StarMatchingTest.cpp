#include "track/StarDetector.h"
#include "track/StarMatcher.h"
#include "track/TransformFit.h"

#include <gtest/gtest.h>

#include <cmath>

#include "TrackTestSupport.h"

using namespace skyweave;
using namespace skyweave::track;
using skyweave::test::SyntheticStar;

namespace {

constexpr double kStarSigmaPx = 1.5;

const SyntheticStar* closest(const std::vector<SyntheticStar>& truth, double x, double y) {
    const SyntheticStar* best = nullptr;
    double bestD = 1e9;
    for (const SyntheticStar& s : truth) {
        const double d = std::hypot(s.x - x, s.y - y);
        if (d < bestD) bestD = d, best = &s;
    }
    return best;
}

FrameTransform similarity(double angleDeg, double scale, double tx, double ty) {
    const double a = angleDeg * M_PI / 180.0;
    return {scale * std::cos(a), -scale * std::sin(a), tx, scale * std::sin(a), scale * std::cos(a), ty};
}

}  // namespace

TEST(StarDetector, FindsStarsWithAccurateCentroidsFluxAndFwhm) {
    cv::RNG rng(42);
    const auto truth = test::randomStars(rng, 60, 512, 400, 3000.0, 60000.0);
    cv::Mat img = test::renderField(512, 400, truth, kStarSigmaPx, 1000.0, 5.0, rng);
    // Hot pixels and a cosmic-ray hit must not be reported as stars.
    img.at<float>(100, 100) += 5000.0f;
    img.at<float>(300, 420) += 8000.0f;
    img.at<float>(200, 250) += 3000.0f;
    img.at<float>(200, 251) += 3000.0f;
    const StarDetectionResult r = StarDetector::detect(img);
    EXPECT_NEAR(r.backgroundLevel, 1000.0, 1.0);
    EXPECT_NEAR(r.noiseSigma, 5.0, 0.5);
    ASSERT_GE(r.stars.size(), 55u);  // a few may blend with a neighbour
    int measured = 0;
    for (const DetectedStar& s : r.stars) {
        const SyntheticStar* t = closest(truth, s.x, s.y);
        ASSERT_NE(t, nullptr);
        EXPECT_LT(std::hypot(t->x - s.x, t->y - s.y), 1.0) << "spurious detection at " << s.x << "," << s.y;
        if (t->flux < 10000.0) continue;
        bool isolated = true;  // blends bias everything; judge isolated stars only
        for (const SyntheticStar& o : truth)
            if (&o != t && std::hypot(o.x - t->x, o.y - t->y) < 12.0) isolated = false;
        if (!isolated) continue;
        ++measured;
        EXPECT_LT(std::hypot(t->x - s.x, t->y - s.y), 0.05);
        EXPECT_NEAR(s.fwhmPx, 2.3548 * kStarSigmaPx, 0.05 * 2.3548 * kStarSigmaPx);
        EXPECT_NEAR(s.flux, t->flux, 0.03 * t->flux);
    }
    EXPECT_GE(measured, 15);
    for (std::size_t i = 1; i < r.stars.size(); ++i) EXPECT_GE(r.stars[i - 1].flux, r.stars[i].flux);
}

TEST(StarDetector, BlankImagesHaveNoStars) {
    EXPECT_TRUE(StarDetector::detect(cv::Mat(64, 64, CV_32F, cv::Scalar(7.0f))).stars.empty());
    EXPECT_TRUE(StarDetector::detect(cv::Mat(64, 64, CV_32F, cv::Scalar(std::nanf("")))).stars.empty());
}

TEST(StarMatcher, RecoversRotationAndTranslationWith30PercentOutliers) {
    cv::RNG rng(7);
    const FrameTransform truth = similarity(2.5, 1.0, 13.7, -8.2);
    std::vector<DetectedStar> ref, frame;
    for (const SyntheticStar& s : test::randomStars(rng, 70, 1024, 1024, 1000.0, 100000.0))
        ref.push_back({s.x, s.y, s.flux, 0.0, 3.0});
    for (std::size_t i = 0; i < ref.size(); ++i) {
        if (i % 10 < 3) continue;  // 30 % of the reference stars are not in the frame
        const auto p = truth.apply(ref[i].x, ref[i].y);
        frame.push_back({p[0] + rng.gaussian(0.05), p[1] + rng.gaussian(0.05), ref[i].flux * rng.uniform(0.8, 1.2), 0.0, 3.0});
    }
    // 30 % of the frame's stars are spurious (satellites, hot pixels, a moving object…), some bright.
    const int spurious = static_cast<int>(std::round(frame.size() * 0.3 / 0.7));
    for (const SyntheticStar& s : test::randomStars(rng, spurious, 1024, 1024, 1000.0, 100000.0))
        frame.push_back({s.x, s.y, s.flux, 0.0, 3.0});
    std::sort(frame.begin(), frame.end(), [](const DetectedStar& a, const DetectedStar& b) { return a.flux > b.flux; });
    std::sort(ref.begin(), ref.end(), [](const DetectedStar& a, const DetectedStar& b) { return a.flux > b.flux; });

    const StarMatchResult m = StarMatcher::match(ref, frame);
    ASSERT_TRUE(m.success) << m.failure;
    EXPECT_GE(m.matchedStars, 45);
    EXPECT_LT(m.rmsPx, 0.12);
    EXPECT_NEAR(TransformFit::rotationDegOf(m.transform), 2.5, 0.01);
    EXPECT_NEAR(TransformFit::scaleOf(m.transform), 1.0, 2e-4);
    for (const auto& [x, y] : {std::pair{0.0, 0.0}, std::pair{1023.0, 1023.0}, std::pair{512.0, 100.0}}) {
        const auto want = truth.apply(x, y), got = m.transform.apply(x, y);
        EXPECT_NEAR(got[0], want[0], 0.05);
        EXPECT_NEAR(got[1], want[1], 0.05);
    }
}

TEST(StarMatcher, HandlesLargeRotationAndSmallScaleChange) {
    cv::RNG rng(11);
    const FrameTransform truth = similarity(178.0, 1.02, 1030.0, 990.0);  // a meridian flip
    std::vector<DetectedStar> ref, frame;
    for (const SyntheticStar& s : test::randomStars(rng, 50, 1024, 1024, 1000.0, 50000.0)) {
        ref.push_back({s.x, s.y, s.flux, 0.0, 3.0});
        const auto p = truth.apply(s.x, s.y);
        frame.push_back({p[0], p[1], s.flux, 0.0, 3.0});
    }
    std::sort(ref.begin(), ref.end(), [](const DetectedStar& a, const DetectedStar& b) { return a.flux > b.flux; });
    std::sort(frame.begin(), frame.end(), [](const DetectedStar& a, const DetectedStar& b) { return a.flux > b.flux; });
    const StarMatchResult m = StarMatcher::match(ref, frame);
    ASSERT_TRUE(m.success) << m.failure;
    EXPECT_NEAR(TransformFit::rotationDegOf(m.transform), 178.0, 1e-6);
    EXPECT_NEAR(TransformFit::scaleOf(m.transform), 1.02, 1e-8);
}

TEST(StarMatcher, UnrelatedFieldsFailWithAReason) {
    cv::RNG rng(3);
    std::vector<DetectedStar> a, b;
    for (const SyntheticStar& s : test::randomStars(rng, 40, 1024, 1024, 1000.0, 50000.0)) a.push_back({s.x, s.y, s.flux, 0, 3});
    for (const SyntheticStar& s : test::randomStars(rng, 40, 1024, 1024, 1000.0, 50000.0)) b.push_back({s.x, s.y, s.flux, 0, 3});
    const StarMatchResult m = StarMatcher::match(a, b, StarMatchParams{.minMatches = 10});
    EXPECT_FALSE(m.success);
    EXPECT_FALSE(m.failure.empty());
    const StarMatchResult few = StarMatcher::match(std::span(a).first(3), b);
    EXPECT_FALSE(few.success);
    EXPECT_NE(few.failure.find("too few stars"), std::string::npos);
}

TEST(TransformFit, AffineAndInverse) {
    const FrameTransform t{1.01, 0.02, 5.0, -0.03, 0.99, -7.0};
    std::vector<PixelPoint> from, to;
    for (double x : {0.0, 100.0, 250.0})
        for (double y : {0.0, 80.0, 300.0}) {
            from.push_back({x, y});
            const auto p = t.apply(x, y);
            to.push_back({p[0], p[1]});
        }
    const FrameTransform fit = TransformFit::affine(from, to);
    EXPECT_NEAR(fit.a, t.a, 1e-12);
    EXPECT_NEAR(fit.b, t.b, 1e-12);
    EXPECT_NEAR(fit.ty, t.ty, 1e-9);
    const FrameTransform id = TransformFit::inverse(t).after(t);
    EXPECT_NEAR(id.a, 1.0, 1e-12);
    EXPECT_NEAR(id.tx, 0.0, 1e-12);
    EXPECT_NEAR(id.ty, 0.0, 1e-12);
}
