#include "track/Wcs.h"

#include <gtest/gtest.h>

#include "TrackTestSupport.h"
#include "common/Errors.h"
#include "fits/HeaderCards.h"

using skyweave::SkyweaveError;
using skyweave::test::fitsCard;
using skyweave::test::fitsString;
using skyweave::test::tanHeader;
using skyweave::test::TanWcsSpec;
using namespace skyweave;
using namespace skyweave::track;
using skyweave::fits::HeaderCards;

namespace {

Wcs tan(const TanWcsSpec& spec = {}) {
    return Wcs::fromHeader(HeaderCards(tanHeader(spec)), "frame.fits");
}

void expectWcsError(const std::string& header, const char* fragment) {
    try {
        (void)Wcs::fromHeader(HeaderCards(header), "broken.fits");
        FAIL() << "expected an error for " << fragment;
    } catch (const SkyweaveError& e) {
        EXPECT_NE(std::string(e.what()).find("broken.fits"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
}

}  // namespace

TEST(HeaderCards, ReadsStringsNumbersAndLines) {
    const std::string cards = fitsCard("DATE-OBS", fitsString("2025-01-15T03:20:00.125")) +
                              fitsCard("EXPTIME", "1.5D+01 / seconds") + fitsCard("OBJECT", "'O''Brien  '");
    const HeaderCards h(cards);
    EXPECT_EQ(h.cardCount(), 3u);
    EXPECT_EQ(*h.text("DATE-OBS"), "2025-01-15T03:20:00.125");
    EXPECT_DOUBLE_EQ(*h.number("EXPTIME"), 15.0);
    EXPECT_EQ(*h.text("OBJECT"), "O'Brien");
    EXPECT_FALSE(h.text("FILTER").has_value());
    EXPECT_FALSE(h.number("DATE-OBS").has_value());
    // One card per line (as printed by tools) normalises to the same 80-character cards.
    const HeaderCards lines("DATE-OBS= '2025-01-15T03:20:00.125'\nEXPTIME = 15\n");
    EXPECT_EQ(lines.cards().size(), 160u);
    EXPECT_DOUBLE_EQ(*lines.number("EXPTIME"), 15.0);
}

TEST(Wcs, TanMatchesHandComputedGnomonicValues) {
    // Values from the gnomonic formulas (Calabretta & Greisen 2002, eqs. 54/55) evaluated by hand
    // for CRVAL (150, 30), CRPIX 512.5, CD [[-5e-4, 1e-4], [1e-4, 5e-4]].
    const Wcs w = tan();
    EXPECT_EQ(w.projectionCode(), "TAN");
    EXPECT_FALSE(w.hasDistortion());
    struct Case {
        double x, y, ra, dec;
    };
    for (const Case& c :
         {Case{100, 200, 150.201210664135, 29.802948400320},
          Case{900.25, 50.75, 149.722889155962, 29.808211667456}, Case{511.5, 511.5, 150.0, 30.0}}) {
        const SkyPosition s = w.pixelToWorld(c.x, c.y);
        EXPECT_NEAR(s.raDeg, c.ra, 1e-9) << c.x << "," << c.y;
        EXPECT_NEAR(s.decDeg, c.dec, 1e-9);
        const auto p = w.worldToPixel({c.ra, c.dec});
        EXPECT_NEAR(p[0], c.x, 1e-6);
        EXPECT_NEAR(p[1], c.y, 1e-6);
    }
    // |det CD| = 2.6e-7 deg² → sqrt = 5.099e-4° = 1.83565"/px.
    EXPECT_NEAR(w.pixelScaleArcsec(511.5, 511.5), 1.835647, 1e-5);
}

TEST(Wcs, RoundTripsNearRaZeroAndThePole) {
    for (const TanWcsSpec& spec :
         {TanWcsSpec{0.01, -5.0}, TanWcsSpec{359.99, 45.0}, TanWcsSpec{80.0, 89.9}}) {
        const Wcs w = tan(spec);
        for (double x : {0.0, 333.3, 1023.0})
            for (double y : {0.0, 700.7, 1023.0}) {
                const auto p = w.worldToPixel(w.pixelToWorld(x, y));
                EXPECT_NEAR(p[0], x, 1e-7);
                EXPECT_NEAR(p[1], y, 1e-7);
            }
    }
}

TEST(Wcs, SipDistortionIsApplied) {
    TanWcsSpec spec;
    std::string header = tanHeader(spec);
    auto replace = [&](const std::string& key, const std::string& value) {
        const std::size_t at =
            header.find(fitsCard(key, fitsString(key == "CTYPE1" ? "RA---TAN" : "DEC--TAN")));
        ASSERT_NE(at, std::string::npos);
        header.replace(at, 80, fitsCard(key, fitsString(value)));
    };
    replace("CTYPE1", "RA---TAN-SIP");
    replace("CTYPE2", "DEC--TAN-SIP");
    header +=
        fitsCard("A_ORDER", 2) + fitsCard("B_ORDER", 2) + fitsCard("A_2_0", 2e-6) + fitsCard("B_0_2", -1e-6);
    const Wcs sip = Wcs::fromHeader(HeaderCards(header), "sip.fits");
    const Wcs plain = tan(spec);
    EXPECT_TRUE(sip.hasDistortion());
    // At 400 px from CRPIX along x, A_2_0·u² = 0.32 px of extra x before the linear part.
    const SkyPosition a = sip.pixelToWorld(911.5, 511.5), b = plain.pixelToWorld(911.5 + 0.32, 511.5);
    EXPECT_LT(separationArcsec(a, b), 0.01);
    const auto back = sip.worldToPixel(a);
    EXPECT_NEAR(back[0], 911.5, 1e-4);
    EXPECT_NEAR(back[1], 511.5, 1e-4);
}

TEST(Wcs, BrokenHeadersGiveClearErrors) {
    expectWcsError(fitsCard("NAXIS", 2) + fitsCard("EXPTIME", 10), "no WCS");
    TanWcsSpec singular;
    singular.cd11 = singular.cd12 = singular.cd21 = singular.cd22 = 1e-4;  // rank 1
    expectWcsError(tanHeader(singular), "broken WCS");
    std::string linear = tanHeader({});
    linear.replace(linear.find("'RA---TAN'"), 10, "'X       '");
    linear.replace(linear.find("'DEC--TAN'"), 10, "'Y       '");
    expectWcsError(linear, "not celestial");
    // A position on the far side of the sky has no TAN pixel: an error, not garbage numbers.
    const Wcs w = tan();
    EXPECT_THROW((void)w.worldToPixel({330.0, -30.0}), SkyweaveError);
}
