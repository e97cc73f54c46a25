#include "track/Registration.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iomanip>

#include <opencv2/core.hpp>

#include "TempDir.h"
#include "TrackTestSupport.h"
#include "common/AstroTime.h"
#include "common/Errors.h"
#include "track/Ephemeris.h"
#include "fits/HeaderCards.h"
#include "track/TransformFit.h"
#include "track/Wcs.h"

using namespace skyweave;
using namespace skyweave::track;
using skyweave::fits::HeaderCards;
using skyweave::test::fitsCard;
using skyweave::test::fitsString;
using skyweave::test::TanWcsSpec;

namespace {

const double kStartMjd = *AstroTime::parseIsoToMjd("2025-01-15T03:20:00.250");
constexpr double kCadenceSeconds = 60.5;
constexpr double kExposureSeconds = 30.0;

/// North up, east left, 1.8"/px: the simplest sky for hand-checkable shifts.
TanWcsSpec plainSpec() {
    TanWcsSpec s;
    s.cd12 = s.cd21 = 0.0;
    s.width = s.height = 400;
    s.crpix1 = s.crpix2 = 200.5;
    return s;
}

double midMjd(int k) {
    return kStartMjd + (k * kCadenceSeconds + kExposureSeconds / 2.0) / 86400.0;
}

std::string timeCards(int k) {
    return fitsCard("DATE-OBS",
                    fitsString(AstroTime::mjdToIso(kStartMjd + k * kCadenceSeconds / 86400.0, 3))) +
           fitsCard("EXPTIME", kExposureSeconds);
}

RegistrationFrame frame(int k, const TanWcsSpec& spec, bool withTime = true) {
    return {"frame_" + std::to_string(k) + ".fits",
            test::tanHeader(spec) + (withTime ? timeCards(k) : std::string())};
}

Wcs wcsOf(const TanWcsSpec& spec) {
    return Wcs::fromHeader(HeaderCards(test::tanHeader(spec)), "truth");
}

/// Object at reference pixel (100 + 1.5k, 250 − 0.8k) at frame k's mid-exposure, tabulated every 20 s.
std::shared_ptr<Ephemeris> asteroidTrack(const Wcs& skyOf, double fromMjd, double toMjd) {
    std::vector<EphemerisPoint> rows;
    for (double t = fromMjd; t <= toMjd; t += 20.0 / 86400.0) {
        const double k = (t - midMjd(0)) * 86400.0 / kCadenceSeconds;
        const SkyPosition s = skyOf.pixelToWorld(100.0 + 1.5 * k, 250.0 - 0.8 * k);
        rows.push_back({t, s.raDeg, s.decDeg});
    }
    return std::make_shared<Ephemeris>(std::move(rows), "asteroid.csv", "2025 SW1");
}

MotionParams trackParams(std::shared_ptr<const ObjectTrack> track) {
    MotionParams m;
    m.objectName = "2025 SW1";
    m.track = std::move(track);
    return m;
}

}  // namespace

TEST(Registration, MotionShiftForAsteroidMovingKnownPixelsPerFrame) {
    const TanWcsSpec spec = plainSpec();
    std::vector<RegistrationFrame> frames;
    for (int k = 0; k < 6; ++k) frames.push_back(frame(k, spec));
    RegistrationParams params;
    params.motion = trackParams(asteroidTrack(wcsOf(spec), kStartMjd - 0.001, midMjd(6)));
    const RegistrationResult r = Registration::compute(frames, params);
    ASSERT_EQ(r.usableCount(), 6u);
    EXPECT_EQ(r.referenceIndex, 0u);
    ASSERT_TRUE(r.objectPixel);
    EXPECT_NEAR((*r.objectPixel)[0], 100.0, 1e-6);
    EXPECT_NEAR((*r.objectPixel)[1], 250.0, 1e-6);
    for (int k = 0; k < 6; ++k) {
        const FrameRegistration& f = r.frames[static_cast<std::size_t>(k)];
        EXPECT_NEAR(f.shiftX, 1.5 * k, 1e-4) << k;
        EXPECT_NEAR(f.shiftY, -0.8 * k, 1e-4) << k;
        EXPECT_NEAR((f.midTimeMjd - midMjd(k)) * 86400.0, 0.0, 1e-4);  // fractional seconds kept
        EXPECT_TRUE(f.transform.isTranslation());
        // The object's output position maps onto where it is in the frame.
        const auto p = f.transform.apply(100.0, 250.0);
        EXPECT_NEAR(p[0], 100.0 + 1.5 * k, 1e-4);
        EXPECT_NEAR(p[1], 250.0 - 0.8 * k, 1e-4);
    }
}

TEST(Registration, MotionComposesWithWcsAlignment) {
    // Frames rotated by 1° and drifting 3 px/frame: the object must still land on its reference pixel.
    const TanWcsSpec refSpec = plainSpec();
    const Wcs refWcs = wcsOf(refSpec);
    std::vector<RegistrationFrame> frames;
    std::vector<TanWcsSpec> specs;
    for (int k = 0; k < 4; ++k) {
        TanWcsSpec s = refSpec;
        const double a = k * M_PI / 180.0;
        s.cd11 = -0.0005 * std::cos(a), s.cd12 = 0.0005 * std::sin(a);
        s.cd21 = 0.0005 * std::sin(a), s.cd22 = 0.0005 * std::cos(a);
        s.crpix1 += 3.0 * k, s.crpix2 -= 2.0 * k;
        specs.push_back(s);
        frames.push_back(frame(k, s));
    }
    for (AlignMode mode : {AlignMode::Wcs, AlignMode::None}) {
        RegistrationParams params;
        params.align = mode;
        params.motion = trackParams(asteroidTrack(refWcs, kStartMjd - 0.001, midMjd(5)));
        const RegistrationResult r = Registration::compute(frames, params);
        ASSERT_EQ(r.usableCount(), 4u);
        for (int k = 0; k < 4; ++k) {
            const FrameRegistration& f = r.frames[static_cast<std::size_t>(k)];
            const SkyPosition obj = refWcs.pixelToWorld(100.0 + 1.5 * k, 250.0 - 0.8 * k);
            const auto want = wcsOf(specs[static_cast<std::size_t>(k)]).worldToPixel(obj);
            const auto got = f.transform.apply(100.0, 250.0);
            EXPECT_NEAR(got[0], want[0], 1e-3) << alignModeName(mode) << " frame " << k;
            EXPECT_NEAR(got[1], want[1], 1e-3);
            if (mode == AlignMode::Wcs) {
                // A star (fixed sky position) elsewhere maps by the alignment part alone.
                EXPECT_NEAR(TransformFit::rotationDegOf(f.transform), -1.0 * k, 1e-3);
                EXPECT_LT(f.residualPx, 0.01);
            }
        }
    }
}

TEST(Registration, RateAndPositionAngle) {
    const TanWcsSpec spec = plainSpec();  // 1.8"/px, north = +y, east = −x
    std::vector<RegistrationFrame> frames;
    for (int k = 0; k < 4; ++k) frames.push_back(frame(k, spec));
    RegistrationParams params;
    MotionParams m;
    m.rateArcsecPerMin = 1.8 * 60.0 / kCadenceSeconds * 2.0;  // 2 px per frame …
    m.positionAngleDeg = 90.0;                                // … towards the east (−x)
    params.motion = m;
    const RegistrationResult r = Registration::compute(frames, params);
    ASSERT_EQ(r.usableCount(), 4u);
    EXPECT_NE(r.trackDescription.find("PA 90"), std::string::npos) << r.trackDescription;
    for (int k = 0; k < 4; ++k) {
        EXPECT_NEAR(r.frames[static_cast<std::size_t>(k)].shiftX, -2.0 * k, 2e-3);
        EXPECT_NEAR(r.frames[static_cast<std::size_t>(k)].shiftY, 0.0, 2e-3);
    }
    // RA·cosδ / Dec rates: 1 px/frame north.
    m.raDecRates = true;
    m.raCosDecRateArcsecPerMin = 0.0;
    m.decRateArcsecPerMin = 1.8 * 60.0 / kCadenceSeconds;
    params.motion = m;
    const RegistrationResult north = Registration::compute(frames, params);
    EXPECT_NEAR(north.frames[3].shiftY, 3.0, 2e-3);
}

TEST(Registration, FramesLackingWhatIsNeededAreSkippedWithReasons) {
    const TanWcsSpec spec = plainSpec();
    std::vector<RegistrationFrame> frames{frame(0, spec), frame(1, spec, false), frame(2, spec),
                                          frame(3, spec)};
    frames[2].headerCards = timeCards(2);  // no WCS at all
    frames[3].headerCards = test::tanHeader(spec) +
                            fitsCard("DATE-OBS", fitsString("2025-01-15T03:23:01.250")) +
                            fitsCard("EXPTIME", kExposureSeconds);  // after the ephemeris ends
    RegistrationParams params;
    params.motion = trackParams(asteroidTrack(wcsOf(spec), kStartMjd - 0.001, midMjd(2)));
    const RegistrationResult r = Registration::compute(frames, params);
    EXPECT_TRUE(r.frames[0].usable);
    EXPECT_FALSE(r.frames[1].usable);
    EXPECT_NE(r.frames[1].skipReason.find("frame_1.fits: no DATE-OBS"), std::string::npos)
        << r.frames[1].skipReason;
    EXPECT_FALSE(r.frames[2].usable);
    EXPECT_NE(r.frames[2].skipReason.find("no WCS"), std::string::npos) << r.frames[2].skipReason;
    EXPECT_FALSE(r.frames[3].usable);
    EXPECT_NE(r.frames[3].skipReason.find("outside the ephemeris"), std::string::npos)
        << r.frames[3].skipReason;
    // WCS alignment without tracking: only the WCS-less frame is skipped.
    RegistrationParams wcsOnly;
    wcsOnly.align = AlignMode::Wcs;
    const RegistrationResult w = Registration::compute(frames, wcsOnly);
    EXPECT_EQ(w.usableCount(), 3u);
    EXPECT_FALSE(w.frames[2].usable);
}

TEST(Registration, UnusableReferenceFallsBackToTheNextFrame) {
    const TanWcsSpec spec = plainSpec();
    std::vector<RegistrationFrame> frames{frame(0, spec), frame(1, spec), frame(2, spec)};
    frames[1].headerCards = timeCards(1);
    RegistrationParams params;
    params.align = AlignMode::Wcs;
    params.referenceIndex = 1;
    const RegistrationResult r = Registration::compute(frames, params);
    EXPECT_EQ(r.referenceIndex, 0u);
    ASSERT_FALSE(r.notes.empty());
    EXPECT_FALSE(r.frames[1].usable);
    params.referenceIndex = 7;
    EXPECT_THROW((void)Registration::compute(frames, params), SkyweaveError);
    for (auto& f : frames) f.headerCards = timeCards(0);
    params.referenceIndex = 0;
    EXPECT_THROW((void)Registration::compute(frames, params), SkyweaveError);
}

TEST(Registration, EphemerisFileIsReadAndMismatchedNameNoted) {
    const TanWcsSpec spec = plainSpec();
    test::TempDir dir;
    const auto path = dir.file("eph.csv");
    {
        std::ofstream out(path);
        out << "time,ra_deg,dec_deg\n";
        const auto track = asteroidTrack(wcsOf(spec), kStartMjd - 0.001, midMjd(3));
        for (const EphemerisPoint& p : track->points())
            out << AstroTime::mjdToIso(p.mjdUtc, 6) << "," << std::setprecision(12) << p.raDeg << ","
                << p.decDeg << "\n";
    }
    std::vector<RegistrationFrame> frames{frame(0, spec), frame(1, spec), frame(2, spec)};
    RegistrationParams params;
    MotionParams m;
    m.objectName = "2025 SW1";
    m.ephemerisPath = path.string();
    params.motion = m;
    const RegistrationResult r = Registration::compute(frames, params);
    ASSERT_EQ(r.usableCount(), 3u);
    EXPECT_NEAR(r.frames[2].shiftX, 3.0, 1e-3);
    EXPECT_NEAR(r.frames[2].shiftY, -1.6, 1e-3);
    params.motion->ephemerisPath = dir.file("nope.csv").string();
    EXPECT_THROW((void)Registration::compute(frames, params), SkyweaveError);
}

TEST(Registration, StarAlignmentWithMotionNeedsOnlyTheReferenceWcs) {
    cv::RNG rng(5);
    const auto stars = test::randomStars(rng, 80, 400, 400, 2000.0, 80000.0);
    const TanWcsSpec spec = plainSpec();
    std::vector<RegistrationFrame> frames;
    std::vector<cv::Mat> images;
    std::vector<FrameTransform> truth;
    for (int k = 0; k < 4; ++k) {
        const double a = 0.7 * k * M_PI / 180.0;
        const FrameTransform t{std::cos(a), -std::sin(a), 4.3 * k, std::sin(a), std::cos(a), -2.1 * k};
        std::vector<test::SyntheticStar> moved;
        for (const auto& s : stars) {
            const auto p = t.apply(s.x, s.y);
            moved.push_back({p[0], p[1], s.flux});
        }
        images.push_back(test::renderField(400, 400, moved, 1.4, 500.0, 4.0, rng));
        truth.push_back(t);
        // Only the reference carries a WCS; the others have just their times.
        frames.push_back(k == 0 ? frame(k, spec)
                                : RegistrationFrame{"frame_" + std::to_string(k) + ".fits", timeCards(k)});
    }
    images.push_back(cv::Mat(400, 400, CV_32F, cv::Scalar(500.0f)));  // a blank frame: no stars
    frames.push_back({"blank.fits", timeCards(4)});
    RegistrationParams params;
    params.align = AlignMode::Stars;
    params.motion = trackParams(asteroidTrack(wcsOf(spec), kStartMjd - 0.001, midMjd(5)));
    std::size_t reads = 0;
    const FrameImageReader reader = [&](std::size_t i) {
        ++reads;
        return images.at(i);
    };
    const RegistrationResult r = Registration::compute(frames, params, reader);
    EXPECT_EQ(reads, frames.size());  // each frame read exactly once
    ASSERT_EQ(r.usableCount(), 4u);
    EXPECT_FALSE(r.frames[4].usable);
    EXPECT_NE(r.frames[4].skipReason.find("blank.fits"), std::string::npos) << r.frames[4].skipReason;
    for (int k = 1; k < 4; ++k) {
        const FrameRegistration& f = r.frames[static_cast<std::size_t>(k)];
        EXPECT_GT(f.matchedStars, 50);
        EXPECT_LT(f.residualPx, 0.1);
        // Object at reference (100 + 1.5k, 250 − 0.8k) → frame pixel through the true star transform.
        const auto want = truth[static_cast<std::size_t>(k)].apply(100.0 + 1.5 * k, 250.0 - 0.8 * k);
        const auto got = f.transform.apply(100.0, 250.0);
        EXPECT_NEAR(got[0], want[0], 0.05) << k;
        EXPECT_NEAR(got[1], want[1], 0.05) << k;
    }
}

TEST(Registration, WarnsWhenAllFramesCarryTheSameTimeOrTheSameWcs) {
    const TanWcsSpec spec = plainSpec();
    std::vector<RegistrationFrame> frames;
    for (int k = 0; k < 3; ++k)  // every header says frame 0's time: tracking cannot move anything
        frames.push_back({"same_" + std::to_string(k) + ".fits", test::tanHeader(spec) + timeCards(0)});
    RegistrationParams params;
    MotionParams m;
    m.rateArcsecPerMin = 5.0;
    params.motion = m;
    const RegistrationResult r = Registration::compute(frames, params);
    ASSERT_EQ(r.usableCount(), 3u);
    EXPECT_EQ(r.frames[2].shiftX, 0.0);
    std::string notes;
    for (const auto& n : r.notes) notes += n + "\n";
    EXPECT_NE(notes.find("all 3 frames carry the same time"), std::string::npos) << notes;

    // Distinct times: no such warning. WCS alignment on one WCS copied to every frame: warned.
    std::vector<RegistrationFrame> timed;
    for (int k = 0; k < 3; ++k) timed.push_back(frame(k, spec));
    params.align = AlignMode::Wcs;
    const RegistrationResult w = Registration::compute(timed, params);
    notes.clear();
    for (const auto& n : w.notes) notes += n + "\n";
    EXPECT_EQ(notes.find("same time"), std::string::npos) << notes;
    params.motion.reset();
    const RegistrationResult copied = Registration::compute(timed, params);
    notes.clear();
    for (const auto& n : copied.notes) notes += n + "\n";
    EXPECT_NE(notes.find("every WCS alignment shift is zero"), std::string::npos) << notes;

    // Frames whose WCS differ (a real pointing offset): no warning.
    std::vector<RegistrationFrame> moved = timed;
    TanWcsSpec offset = spec;
    offset.crpix1 += 3.0;
    moved[1] = frame(1, offset);
    const RegistrationResult aligned = Registration::compute(moved, params);
    for (const auto& n : aligned.notes) EXPECT_EQ(n.find("every WCS alignment shift is zero"), std::string::npos) << n;
}
