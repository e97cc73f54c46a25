#include "sample/CloudLoopGenerator.h"

#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>

#include <algorithm>
#include <vector>

using namespace skyweave::sample;

namespace {

CloudLoopParams smallLoop() {
    CloudLoopParams p;
    p.frameCount = 4;
    p.width = 160;
    p.height = 120;
    return p;
}

cv::Mat asFloat(const cv::Mat& grey) {
    cv::Mat f;
    grey.convertTo(f, CV_32F);
    return f;
}

}  // namespace

TEST(CloudLoopGenerator, FramesHaveTheStatedSizeAndTimestampedNames) {
    CloudLoopParams p = smallLoop();
    CloudLoopGenerator loop(p);
    const cv::Mat frame = loop.next();
    EXPECT_EQ(frame.type(), CV_8UC1);
    EXPECT_EQ(frame.cols, 160);
    EXPECT_EQ(frame.rows, 120);
    EXPECT_EQ(CloudLoopGenerator::frameName(p, 0), "goes_20250115_032000.png");
    EXPECT_EQ(CloudLoopGenerator::frameName(p, 1), "goes_20250115_033000.png");
    EXPECT_EQ(CloudLoopGenerator::frameName(p, 23), "goes_20250115_071000.png");
    // Both clouds and clear ground are present.
    double lo = 0, hi = 0;
    cv::minMaxLoc(frame, &lo, &hi);
    EXPECT_LT(lo, 90);
    EXPECT_GT(hi, 200);
}

TEST(CloudLoopGenerator, ConsecutiveFramesDifferByMotionNotNoise) {
    CloudLoopGenerator loop(smallLoop());
    const cv::Mat a = loop.next();
    const cv::Mat b = loop.next();
    const cv::Rect inner(10, 10, a.cols - 20, a.rows - 20);
    const double rawDifference = cv::norm(asFloat(a)(inner), asFloat(b)(inner), cv::NORM_L1) / inner.area();
    EXPECT_GT(rawDifference, 2.0);  // the frames do change

    // Dense optical flow finds the motion: a(x) ≈ b(x + flow(x)).
    cv::Mat flow;
    cv::calcOpticalFlowFarneback(a, b, flow, 0.5, 3, 15, 3, 5, 1.2, 0);
    cv::Mat map(a.size(), CV_32FC2);
    std::vector<float> cloudyFlowX;
    for (int y = 0; y < a.rows; ++y)
        for (int x = 0; x < a.cols; ++x) {
            const auto f = flow.at<cv::Vec2f>(y, x);
            map.at<cv::Vec2f>(y, x) = cv::Vec2f(static_cast<float>(x) + f[0], static_cast<float>(y) + f[1]);
            if (a.at<std::uint8_t>(y, x) > 170 && inner.contains({x, y})) cloudyFlowX.push_back(f[0]);
        }
    cv::Mat predicted;
    cv::remap(asFloat(b), predicted, map, cv::noArray(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    const double compensated = cv::norm(predicted(inner), asFloat(a)(inner), cv::NORM_L1) / inner.area();
    // Following the flow explains most of the change; frames that differed by noise would not improve.
    EXPECT_LT(compensated, 0.4 * rawDifference) << compensated << " vs " << rawDifference;

    // Clouds drift east at roughly the configured wind (the jet and the storm add ±1–2 px).
    ASSERT_GT(cloudyFlowX.size(), 200u);
    std::nth_element(cloudyFlowX.begin(), cloudyFlowX.begin() + cloudyFlowX.size() / 2, cloudyFlowX.end());
    const float medianX = cloudyFlowX[cloudyFlowX.size() / 2];
    EXPECT_GT(medianX, 1.0f);
    EXPECT_LT(medianX, 4.5f);
}

TEST(CloudLoopGenerator, SameSeedSameFramesOtherSeedOtherClouds) {
    CloudLoopGenerator a(smallLoop());
    CloudLoopGenerator b(smallLoop());
    CloudLoopParams other = smallLoop();
    other.seed += 7;
    CloudLoopGenerator c(other);
    for (int k = 0; k < 2; ++k) {
        const cv::Mat fa = a.next();
        EXPECT_EQ(cv::norm(fa, b.next(), cv::NORM_INF), 0.0);
        EXPECT_GT(cv::norm(fa, c.next(), cv::NORM_L1), 0.0);
    }
    EXPECT_EQ(a.framesMade(), 2);
}

TEST(CloudLoopGenerator, WindIsSmoothAndVariesInSpaceAndTime) {
    CloudLoopGenerator loop(smallLoop());
    const cv::Point2d w0 = loop.windAt(50, 60, 0);
    const cv::Point2d w1 = loop.windAt(51, 60, 0);
    const cv::Point2d later = loop.windAt(50, 60, 10);
    const cv::Point2d far = loop.windAt(150, 10, 0);
    EXPECT_LT(std::hypot(w1.x - w0.x, w1.y - w0.y), 0.2);
    EXPECT_GT(std::hypot(later.x - w0.x, later.y - w0.y), 0.05);
    EXPECT_GT(std::hypot(far.x - w0.x, far.y - w0.y), 0.3);
}
