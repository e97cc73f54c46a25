// Acceptance: a tracked synthetic asteroid stacks to a point — centroid within 0.2 px of the
// truth, FWHM within 10 % of a star's — registered by core/track, stacked by core/stack.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include <opencv2/core.hpp>

#include "TempDir.h"
#include "TrackTestSupport.h"
#include "common/AstroTime.h"
#include "fits/FitsReader.h"
#include "fits/FitsWriter.h"
#include "stack/StackEngine.h"
#include "fits/HeaderCards.h"
#include "stack/StackRegistration.h"
#include "track/StarDetector.h"
#include "track/Wcs.h"

using namespace skyweave;
using namespace skyweave::track;
using skyweave::fits::HeaderCards;

namespace {

constexpr int kFrames = 8;
constexpr int kSize = 256;
constexpr double kSigmaPx = 1.5;
constexpr double kCadenceSeconds = 45.5;
constexpr double kExposureSeconds = 30.0;
const double kStartMjd = *AstroTime::parseIsoToMjd("2025-01-15T03:20:00.250");
const std::array<double, 2> kAsteroidStart{90.3, 160.6};     // reference-sky pixel at the first mid-exposure
const std::array<double, 2> kAsteroidVelocity{1.23, -0.86};  // px per frame

double midMjd(double k) {
    return kStartMjd + (k * kCadenceSeconds + kExposureSeconds / 2.0) / 86400.0;
}

test::TanWcsSpec frameSpec(int k) {
    test::TanWcsSpec s;
    s.crval1 = 82.86, s.crval2 = 22.02;
    const double a = 0.6 * M_PI / 180.0, scale = 1.2 / 3600.0;
    s.cd11 = -scale * std::cos(a), s.cd12 = scale * std::sin(a);
    s.cd21 = scale * std::sin(a), s.cd22 = scale * std::cos(a);
    s.width = s.height = kSize;
    // Pointing jitter: the sky moves by a few pixels between frames.
    s.crpix1 = 128.5 + 2.7 * std::sin(1.7 * k);
    s.crpix2 = 128.5 + 2.1 * std::cos(2.3 * k);
    return s;
}

Wcs wcsOf(const test::TanWcsSpec& s) {
    return Wcs::fromHeader(HeaderCards(test::tanHeader(s)), "truth");
}

/// The asteroid's sky position at time t (linear in the undistorted reference sky).
SkyPosition asteroidAt(double mjd) {
    static const Wcs sky = wcsOf(frameSpec(0));
    const double k = (mjd - midMjd(0)) * 86400.0 / kCadenceSeconds;
    return sky.pixelToWorld(kAsteroidStart[0] + kAsteroidVelocity[0] * k,
                            kAsteroidStart[1] + kAsteroidVelocity[1] * k);
}

std::string hms(double deg, bool hours) {
    const double v = std::abs(hours ? deg / 15.0 : deg);
    const long long units = std::llround(v * 3600.0 * 10000.0);  // 1e-4 s
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s%02lld %02lld %07.4f", hours ? "" : (deg < 0 ? "-" : "+"),
                  units / 36000000, units / 600000 % 60, (units % 600000) / 10000.0);
    return buf;
}

/// A Horizons-style observer table, one row a minute, around the whole sequence.
void writeHorizons(const std::filesystem::path& path) {
    std::ofstream out(path);
    out << "Target body name: 2025 TR1 (synthetic)\n RA format       : HMS\n"
        << " Date__(UT)__HR:MN:SC.fff     R.A._____(ICRF)_____DEC\n$$SOE\n";
    const double first = std::floor(kStartMjd * 1440.0 - 2.0) / 1440.0;
    for (double t = first; t <= midMjd(kFrames) + 3.0 / 1440.0; t += 1.0 / 1440.0) {
        const SkyPosition p = asteroidAt(t);
        std::string iso =
            AstroTime::mjdToIso(t, 3);  // "2025-01-15T03:18:00.000" → "2025-Jan-15 03:18:00.000"
        iso = iso.substr(0, 5) + "Jan" + iso.substr(7, 3) + " " + iso.substr(11);
        out << " " << iso << " *m  " << hms(p.raDeg, true) << " " << hms(p.decDeg, false) << "\n";
    }
    out << "$$EOE\n";
}

struct Scene {
    std::vector<std::filesystem::path> paths;
    std::filesystem::path ephemeris;
    std::array<double, 2> asteroidInReference{};
};

Scene writeScene(const std::filesystem::path& dir) {
    cv::RNG rng(2025);
    const Wcs refSky = wcsOf(frameSpec(0));
    std::vector<SkyPosition> stars;
    for (const test::SyntheticStar& s : test::randomStars(rng, 40, kSize, kSize, 8000.0, 60000.0, 12)) {
        // Keep the asteroid's path clear: a star it passes over would bias what is being measured.
        bool nearPath = false;
        for (double k = -1.0; k <= kFrames; k += 0.25)
            nearPath |= std::hypot(s.x - (kAsteroidStart[0] + kAsteroidVelocity[0] * k),
                                   s.y - (kAsteroidStart[1] + kAsteroidVelocity[1] * k)) < 20.0;
        if (!nearPath && stars.size() < 30) stars.push_back(refSky.pixelToWorld(s.x, s.y));
    }
    std::vector<double> fluxes;
    for (int i = 0; i < 30; ++i) fluxes.push_back(8000.0 * std::pow(60000.0 / 8000.0, rng.uniform(0.0, 1.0)));
    Scene scene;
    for (int k = 0; k < kFrames; ++k) {
        const test::TanWcsSpec spec = frameSpec(k);
        const Wcs w = wcsOf(spec);
        std::vector<test::SyntheticStar> sources;
        for (std::size_t i = 0; i < stars.size(); ++i) {
            const auto p = w.worldToPixel(stars[i]);
            sources.push_back({p[0], p[1], fluxes[i]});
        }
        const auto a = w.worldToPixel(asteroidAt(midMjd(k)));
        if (k == 0) scene.asteroidInReference = a;
        sources.push_back({a[0], a[1], 30000.0});
        const cv::Mat img = test::renderField(kSize, kSize, sources, kSigmaPx, 500.0, 3.0, rng);
        const auto path = dir / ("light_" + std::to_string(k + 1) + ".fits");
        fits::FitsWriter writer(path, true);
        const int hdu = writer.addImage(kSize, kSize, fits::FitsPixelType::Float32);
        writer.writeRows(hdu, 0, kSize, img.ptr<float>());
        writer.copyCards(hdu, test::tanHeader(spec), [](const std::string& key) {
            return key.rfind("CTYPE", 0) == 0 || key.rfind("CRVAL", 0) == 0 || key.rfind("CRPIX", 0) == 0 ||
                   key.rfind("CD", 0) == 0 || key == "RADESYS";
        });
        writer.setKeyword(hdu, "DATE-OBS", AstroTime::mjdToIso(kStartMjd + k * kCadenceSeconds / 86400.0, 3));
        writer.setKeyword(hdu, "EXPTIME", kExposureSeconds);
        writer.commit();
        scene.paths.push_back(path);
    }
    scene.ephemeris = dir / "2025_TR1.txt";
    writeHorizons(scene.ephemeris);
    return scene;
}

cv::Mat readImage(const std::filesystem::path& path) {
    const fits::FitsReader r(path);
    cv::Mat m(r.height(), r.width(), CV_32F);
    r.readRows(0, r.height(), m.ptr<float>());
    return m;
}

const DetectedStar* nearestTo(const std::vector<DetectedStar>& stars, double x, double y) {
    const DetectedStar* best = nullptr;
    for (const DetectedStar& s : stars)
        if (best == nullptr || std::hypot(s.x - x, s.y - y) < std::hypot(best->x - x, best->y - y)) best = &s;
    return best;
}

void stackAndCheck(AlignMode align) {
    test::TempDir dir;
    const Scene scene = writeScene(dir.path());
    StackParams stack;
    stack.inputs = scene.paths;
    stack.output = dir.file("tracked.fits");
    RegistrationParams reg;
    reg.align = align;
    MotionParams motion;
    motion.objectName = "2025 TR1";
    motion.ephemerisPath = scene.ephemeris.string();
    reg.motion = motion;
    NullProgressSink sink;
    const RegistrationResult r = StackRegistration::apply(stack, reg, sink, CancelToken());
    ASSERT_EQ(r.usableCount(), static_cast<std::size_t>(kFrames));
    EXPECT_TRUE(r.notes.empty()) << r.notes.front();
    const StackResult result = StackEngine(stack, sink, CancelToken()).run();
    const cv::Mat stacked = readImage(stack.output);
    const auto found = StarDetector::detect(stacked).stars;
    const DetectedStar* asteroid =
        nearestTo(found, scene.asteroidInReference[0], scene.asteroidInReference[1]);
    ASSERT_NE(asteroid, nullptr);
    const double error =
        std::hypot(asteroid->x - scene.asteroidInReference[0], asteroid->y - scene.asteroidInReference[1]);
    std::vector<double> starFwhm;
    for (const DetectedStar& s : StarDetector::detect(readImage(scene.paths[0])).stars)
        if (std::hypot(s.x - scene.asteroidInReference[0], s.y - scene.asteroidInReference[1]) > 5.0)
            starFwhm.push_back(s.fwhmPx);
    ASSERT_GE(starFwhm.size(), 10u);
    std::nth_element(starFwhm.begin(), starFwhm.begin() + static_cast<std::ptrdiff_t>(starFwhm.size() / 2),
                     starFwhm.end());
    const double starMedianFwhm = starFwhm[starFwhm.size() / 2];
    std::printf("[ %s ] asteroid centroid error %.3f px, FWHM %.3f px vs star %.3f px (%+.1f %%)\n",
                alignModeName(align), error, asteroid->fwhmPx, starMedianFwhm,
                100.0 * (asteroid->fwhmPx / starMedianFwhm - 1.0));
    EXPECT_LT(error, 0.2);
    EXPECT_NEAR(asteroid->fwhmPx, starMedianFwhm, 0.1 * starMedianFwhm);
    // The stars, not the asteroid, are trailed now: whatever else is detected is much broader.
    std::vector<double> others;
    for (const DetectedStar& s : found)
        if (&s != asteroid) others.push_back(s.fwhmPx);
    if (!others.empty()) {
        std::nth_element(others.begin(), others.begin() + static_cast<std::ptrdiff_t>(others.size() / 2),
                         others.end());
        EXPECT_GT(others[others.size() / 2], 1.3 * starMedianFwhm);
    }
    const fits::FitsReader out(stack.output);
    EXPECT_EQ(out.keyword("MOTION_TRACKED").value_or(""), "T");
    EXPECT_EQ(out.keyword("TRACKED_OBJECT").value_or(""), "2025 TR1");
}

}  // namespace

TEST(TrackedStack, AsteroidStacksToAPointWithWcsAlignment) {
    stackAndCheck(AlignMode::Wcs);
}

TEST(TrackedStack, AsteroidStacksToAPointWithStarAlignment) {
    stackAndCheck(AlignMode::Stars);
}
