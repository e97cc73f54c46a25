#include <gtest/gtest.h>

#include <cmath>

#include "StackTestFrames.h"
#include "TempDir.h"
#include "stack/StackEngine.h"

using namespace skyweave;

namespace {

constexpr int kW = 72, kH = 64, kFrames = 9;
constexpr double kSigmaPx = 1.4;

float gaussian(double x, double y, double cx, double cy, double amp) {
    return static_cast<float>(amp * std::exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * kSigmaPx * kSigmaPx)));
}

/// Background-subtracted centroid and mean second-moment FWHM in a window around (cx, cy).
void measure(const std::vector<float>& img, double cx, double cy, double& mx, double& my, double& fwhm) {
    double s = 0, sx = 0, sy = 0;
    const int r = 6;
    for (int y = int(cy) - r; y <= int(cy) + r; ++y)
        for (int x = int(cx) - r; x <= int(cx) + r; ++x) {
            const double v = img[y * kW + x] - 100.0;
            s += v, sx += v * x, sy += v * y;
        }
    mx = sx / s, my = sy / s;
    double sxx = 0, syy = 0;
    for (int y = int(cy) - r; y <= int(cy) + r; ++y)
        for (int x = int(cx) - r; x <= int(cx) + r; ++x) {
            const double v = img[y * kW + x] - 100.0;
            sxx += v * (x - mx) * (x - mx), syy += v * (y - my) * (y - my);
        }
    fwhm = 2.3548 * std::sqrt(0.5 * (sxx + syy) / s);
}

}  // namespace

// The engine half of motion tracking: given each frame's shift (what core/track computes from
// the ephemeris), a moving object stacks to a point and stars trail.
TEST(ShiftedStack, MovingObjectStacksToAPoint) {
    for (const auto resampling : {Resampling::Bilinear, Resampling::Lanczos3}) {
        test::TempDir dir;
        StackParams p;
        const double ax = 30.0, ay = 28.0, vx = 1.37, vy = 0.61;  // px per frame
        for (int i = 0; i < kFrames; ++i) {
            const auto path = dir.file("a" + std::to_string(i) + ".fits");
            test::writeFrame(path, kW, kH, [&](int x, int y) {
                return 100.0f + gaussian(x, y, 15.3, 45.8, 3000) + gaussian(x, y, ax + vx * i, ay + vy * i, 2000);
            });
            p.inputs.push_back(path);
            // output → input: the object sits at (ax, ay) + i·v in frame i, at (ax, ay) in the output.
            p.transforms.push_back(FrameTransform::translation(vx * i, vy * i));
        }
        p.output = dir.file("tracked.fits");
        p.combine.method = CombineMethod::Median;
        p.resampling = resampling;
        p.motionTracked = true;
        p.trackedObject = "synthetic";
        NullProgressSink sink;
        StackEngine(p, sink, CancelToken()).run();
        const auto stacked = test::readPixels(p.output);
        const auto single = test::readPixels(p.inputs[0]);
        double starX, starY, starFwhm, objX, objY, objFwhm;
        measure(single, 15.3, 45.8, starX, starY, starFwhm);
        measure(stacked, ax, ay, objX, objY, objFwhm);
        EXPECT_NEAR(objX, ax, 0.2);
        EXPECT_NEAR(objY, ay, 0.2);
        EXPECT_NEAR(objFwhm / starFwhm, 1.0, 0.10) << "star " << starFwhm << " object " << objFwhm;
        // The star is smeared out (median of a trail): its peak drops far below a single frame's.
        EXPECT_LT(stacked[46 * kW + 15], 0.5f * single[46 * kW + 15]);
    }
}
