#include "sample/StarFieldRenderer.h"

#include <gtest/gtest.h>

#include <opencv2/core.hpp>

#include <cmath>

using namespace skyweave::sample;

namespace {

StarFieldParams smallParams(bool noisy) {
    StarFieldParams p;
    p.frameCount = 4;
    p.width = 128;
    p.height = 128;
    p.starCount = 30;
    p.addNoise = noisy;
    p.addCosmicRays = noisy;
    return p;
}

double localSky(const cv::Mat& image, PixelPosition at) {
    // Sky from a ring 12–16 px away (the asteroid's PSF is gone by then, stars are kept clear of it).
    double sum = 0.0;
    int n = 0;
    for (int y = -16; y <= 16; ++y)
        for (int x = -16; x <= 16; ++x) {
            const double r = std::hypot(x, y);
            const int px = static_cast<int>(std::lround(at.x)) + x;
            const int py = static_cast<int>(std::lround(at.y)) + y;
            if (r < 12 || r > 16 || px < 0 || py < 0 || px >= image.cols || py >= image.rows) continue;
            sum += image.at<float>(py, px);
            ++n;
        }
    return sum / n;
}

}  // namespace

TEST(StarFieldRenderer, NoiseFreeAsteroidPeaksAtItsTruePosition) {
    const StarFieldScene scene = buildStarFieldScene(smallParams(false));
    for (int k = 0; k < scene.params.frameCount; ++k) {
        const cv::Mat image = renderStarFieldFrame(scene, k);
        const PixelPosition truth = scene.frames[static_cast<std::size_t>(k)].asteroidPx;
        // The brightest pixel within 4 px of the truth is the local maximum of the asteroid.
        const int cx = static_cast<int>(std::lround(truth.x));
        const int cy = static_cast<int>(std::lround(truth.y));
        cv::Point best;
        cv::minMaxLoc(image(cv::Rect(cx - 4, cy - 4, 9, 9)), nullptr, nullptr, nullptr, &best);
        EXPECT_LE(std::abs(best.x - 4), 1) << "frame " << k;
        EXPECT_LE(std::abs(best.y - 4), 1) << "frame " << k;
        // Sky-subtracted centroid of a 9×9 box matches the mid-exposure position.
        const double sky = localSky(image, truth);
        double sum = 0.0, sx = 0.0, sy = 0.0;
        for (int y = cy - 4; y <= cy + 4; ++y)
            for (int x = cx - 4; x <= cx + 4; ++x) {
                const double v = image.at<float>(y, x) - sky;
                sum += v;
                sx += v * x;
                sy += v * y;
            }
        EXPECT_NEAR(sx / sum, truth.x, 0.1) << "frame " << k;
        EXPECT_NEAR(sy / sum, truth.y, 0.1) << "frame " << k;
        // Nearly all the asteroid's flux is inside the box.
        EXPECT_NEAR(sum, scene.params.asteroidFluxAdu, 0.12 * scene.params.asteroidFluxAdu);
    }
}

TEST(StarFieldRenderer, NoiseMatchesPoissonPlusReadNoise) {
    StarFieldParams p = smallParams(true);
    p.starCount = 0;
    p.asteroidFluxAdu = 0.0;
    p.addCosmicRays = false;
    p.skyGradientAdu = 0.0;
    const StarFieldScene scene = buildStarFieldScene(p);
    cv::Mat image = renderStarFieldFrame(scene, 0);
    cv::Scalar mean, stddev;
    cv::meanStdDev(image, mean, stddev);
    const double sky = p.skyAdu * scene.frames[0].skyScale;
    const double expected =
        std::sqrt(sky / p.gainElectronsPerAdu + std::pow(p.readNoiseElectrons / p.gainElectronsPerAdu, 2));
    EXPECT_NEAR(mean[0], sky, 0.5);
    EXPECT_NEAR(stddev[0], expected, 0.05 * expected);
}

TEST(StarFieldRenderer, CosmicRaysStandOutAndRenderingIsDeterministic) {
    const StarFieldScene scene = buildStarFieldScene(smallParams(true));
    const cv::Mat a = renderStarFieldFrame(scene, 1);
    const cv::Mat b = renderStarFieldFrame(scene, 1);
    EXPECT_EQ(cv::norm(a, b, cv::NORM_INF), 0.0);
    for (const CosmicRay& ray : scene.frames[1].cosmicRays) {
        const float v = a.at<float>(static_cast<int>(std::lround(ray.start.y)), static_cast<int>(std::lround(ray.start.x)));
        EXPECT_GT(v, scene.params.skyAdu + 0.8 * ray.peakAdu);
    }
    EXPECT_GT(cv::norm(a, renderStarFieldFrame(scene, 2), cv::NORM_L1), 0.0);
}
