#include "sample/TanProjection.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

using namespace skyweave::sample;

namespace {
const TanProjection kTan = makeTanProjection({82.86, 22.02}, {255.5, 255.5}, 1.2, 0.6);
}

TEST(TanProjection, ReferencePixelMapsToCrval) {
    const SkyPosition sky = kTan.pixelToWorld({kTan.crpix1 - 1.0, kTan.crpix2 - 1.0});
    EXPECT_NEAR(sky.raDeg, 82.86, 1e-12);
    EXPECT_NEAR(sky.decDeg, 22.02, 1e-12);
    EXPECT_DOUBLE_EQ(kTan.crpix1, 256.5);  // FITS pixels are 1-based
}

TEST(TanProjection, RoundTripIsExactAcrossTheField) {
    for (double x : {-20.0, 0.0, 100.25, 511.0, 540.0})
        for (double y : {-20.0, 3.5, 300.75, 511.0}) {
            const PixelPosition back = kTan.worldToPixel(kTan.pixelToWorld({x, y}));
            EXPECT_NEAR(back.x, x, 1e-7);
            EXPECT_NEAR(back.y, y, 1e-7);
        }
}

TEST(TanProjection, ScaleAndOrientationFollowTheCdMatrix) {
    const TanProjection north = makeTanProjection({10.0, 40.0}, {0.0, 0.0}, 2.0, 0.0);
    // 100 px up is 200" north; 100 px right is 200" west (east is left).
    const SkyPosition up = north.pixelToWorld({0.0, 100.0});
    EXPECT_NEAR((up.decDeg - 40.0) * 3600.0, 200.0, 1e-3);
    EXPECT_NEAR(up.raDeg, 10.0, 1e-9);
    const SkyPosition right = north.pixelToWorld({100.0, 0.0});
    const double westArcsec = (10.0 - right.raDeg) * 3600.0 * std::cos(40.0 * std::numbers::pi / 180.0);
    EXPECT_NEAR(westArcsec, 200.0, 1e-2);
}
