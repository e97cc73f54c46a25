#include "sample/StarFieldScene.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace skyweave::sample;

namespace {
StarFieldParams smallParams() {
    StarFieldParams p;
    p.frameCount = 6;
    p.width = 128;
    p.height = 96;
    p.starCount = 40;
    return p;
}
}  // namespace

TEST(StarFieldScene, SameParametersGiveTheSameScene) {
    const StarFieldScene a = buildStarFieldScene(smallParams());
    const StarFieldScene b = buildStarFieldScene(smallParams());
    ASSERT_EQ(a.stars.size(), b.stars.size());
    for (std::size_t i = 0; i < a.stars.size(); ++i) {
        EXPECT_EQ(a.stars[i].sky.raDeg, b.stars[i].sky.raDeg);
        EXPECT_EQ(a.stars[i].fluxAdu, b.stars[i].fluxAdu);
    }
    for (std::size_t k = 0; k < a.frames.size(); ++k) EXPECT_EQ(a.frames[k].wcs.crval1, b.frames[k].wcs.crval1);
}

TEST(StarFieldScene, AsteroidMovesTheStatedPixelsPerFrameInTheReferenceGrid) {
    const StarFieldParams p = smallParams();
    const StarFieldScene scene = buildStarFieldScene(p);
    for (std::size_t k = 1; k < scene.frames.size(); ++k) {
        const PixelPosition a = scene.asteroidReferencePixelAt(scene.frames[k - 1].midUnixSeconds);
        const PixelPosition b = scene.asteroidReferencePixelAt(scene.frames[k].midUnixSeconds);
        EXPECT_NEAR(std::hypot(b.x - a.x, b.y - a.y), p.asteroidRatePxPerFrame, 1e-9);
        // In each frame's own pixels the motion is the same plus that frame's jitter.
        const PixelPosition own = scene.frames[k].asteroidPx;
        EXPECT_NEAR(own.x, b.x + scene.frames[k].jitterPx.x, 1e-3);
        EXPECT_NEAR(own.y, b.y + scene.frames[k].jitterPx.y, 1e-3);
    }
    EXPECT_NEAR(scene.asteroidRateArcsecPerMin(), 1.5 * 1.2 * 60.0 / 72.25, 1e-9);
    // Moving right and down on a north-up, east-left frame: west and south, position angle 180°–270°.
    EXPECT_GT(scene.asteroidPositionAngleDeg(), 180.0);
    EXPECT_LT(scene.asteroidPositionAngleDeg(), 270.0);
}

TEST(StarFieldScene, FramesCarryFractionalTimesAndBoundedJitter) {
    const StarFieldParams p = smallParams();
    const StarFieldScene scene = buildStarFieldScene(p);
    for (const SceneFrame& f : scene.frames) {
        EXPECT_LE(std::abs(f.jitterPx.x), p.jitterPx);
        EXPECT_LE(std::abs(f.jitterPx.y), p.jitterPx);
        EXPECT_DOUBLE_EQ(f.midUnixSeconds - f.startUnixSeconds, p.exposureSeconds / 2.0);
        EXPECT_EQ(f.wcs.cd11, scene.reference.cd11);
        // A star's position moves with the frame's own WCS exactly by the jitter.
        const SkyPosition star = scene.stars.front().sky;
        const PixelPosition ref = scene.reference.worldToPixel(star);
        const PixelPosition own = f.wcs.worldToPixel(star);
        EXPECT_NEAR(own.x - ref.x, f.jitterPx.x, 1e-3);
        EXPECT_NEAR(own.y - ref.y, f.jitterPx.y, 1e-3);
    }
    EXPECT_NE(std::fmod(scene.frames[1].startUnixSeconds, 1.0), 0.0);
}

TEST(StarFieldScene, StarsKeepClearOfTheAsteroidTrackAndFollowTheFluxLaw) {
    StarFieldParams p = smallParams();
    p.starCount = 400;
    p.width = p.height = 256;
    const StarFieldScene scene = buildStarFieldScene(p);
    EXPECT_EQ(scene.stars.size(), 400u);
    int faint = 0;
    for (const SceneStar& s : scene.stars) {
        EXPECT_GE(s.fluxAdu, p.starMinFluxAdu);
        EXPECT_LE(s.fluxAdu, p.starMaxFluxAdu);
        if (s.fluxAdu < 10.0 * p.starMinFluxAdu) ++faint;
        for (const SceneFrame& f : scene.frames) {
            const PixelPosition at = f.wcs.worldToPixel(s.sky);
            EXPECT_GT(std::hypot(at.x - f.asteroidPx.x, at.y - f.asteroidPx.y), 8.0);
        }
    }
    // N(>F) ∝ F^-0.75: about 82 % of stars lie within a factor 10 of the faintest.
    EXPECT_GT(faint, 300);
    EXPECT_LT(faint, 360);
}

TEST(StarFieldScene, CosmicRaysMissTheAsteroid) {
    const StarFieldScene scene = buildStarFieldScene(smallParams());
    for (const SceneFrame& f : scene.frames) {
        EXPECT_FALSE(f.cosmicRays.empty());
        for (const CosmicRay& ray : f.cosmicRays)
            EXPECT_GT(std::hypot(ray.start.x - f.asteroidPx.x, ray.start.y - f.asteroidPx.y), 10.0);
    }
}
