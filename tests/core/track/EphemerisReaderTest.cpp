#include "track/EphemerisReader.h"

#include <gtest/gtest.h>

#include <fstream>

#include "TempDir.h"
#include "common/AstroTime.h"
#include "common/Errors.h"
#include "track/RateTrack.h"

using skyweave::ErrorKind;
using skyweave::SkyweaveError;
using namespace skyweave;
using namespace skyweave::track;

namespace {

constexpr double kArcsecTol = 0.01;

double mjd(const char* iso) {
    return *AstroTime::parseIsoToMjd(iso);
}

/// Runs `f`, expects a SkyweaveError whose message contains every fragment.
template <typename F>
void expectError(F&& f, std::initializer_list<const char*> fragments) {
    try {
        f();
        FAIL() << "expected a SkyweaveError";
    } catch (const SkyweaveError& e) {
        for (const char* fragment : fragments)
            EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << "message: " << e.what();
    }
}

// Object moving +0.01° RA and −0.005° Dec per hour from (150°, +30°); 150° = 10h exactly.
const char* kHorizonsHms = R"(*******************************************************************************
Ephemeris / WWW_USER Wed Jan 15 00:00:00 2025 Pasadena, USA      / Horizons
*******************************************************************************
Target body name: 2025 BC                         {source: JPL#3}
Center body name: Earth (399)                     {source: DE441}
*******************************************************************************
RA format       : HMS
Time format     : CAL
*******************************************************************************
 Date__(UT)__HR:MN:SC.fff     R.A._____(ICRF)_____DEC  dRA*cosD d(DEC)/dt
*******************************************************************************
$$SOE
 2025-Jan-15 00:00:00.000 *m  10 00 00.00 +30 00 00.0  31.177  -18.00
 2025-Jan-15 01:00:00.000 Am  10 00 02.40 +29 59 42.0  31.177  -18.00
 2025-Jan-15 02:00:00.000     10 00 04.80 +29 59 24.0  31.177  -18.00
 2025-Jan-15 03:00:00.000  m  10 00 07.20 +29 59 06.0  31.177  -18.00
$$EOE
*******************************************************************************
)";

void expectTrackAt(const Ephemeris& e, const char* iso, double hours) {
    const SkyPosition p = e.positionAt(mjd(iso));
    EXPECT_LT(separationArcsec(p, {150.0 + 0.01 * hours, 30.0 - 0.005 * hours}), kArcsecTol) << iso;
}

}  // namespace

TEST(EphemerisReader, HorizonsSexagesimalWithMarkers) {
    const Ephemeris e = EphemerisReader::parse(kHorizonsHms, "2025_BC.txt");
    ASSERT_EQ(e.points().size(), 4u);
    EXPECT_EQ(e.targetName(), "2025 BC");
    EXPECT_DOUBLE_EQ(e.startMjd(), mjd("2025-01-15T00:00:00"));
    EXPECT_NEAR(e.points()[1].raDeg, 150.01, 1e-9);
    EXPECT_NEAR(e.points()[1].decDeg, 29.995, 1e-9);
    expectTrackAt(e, "2025-01-15T01:30:00", 1.5);
    expectTrackAt(e, "2025-01-15T00:00:30.500", 30.5 / 3600.0);
    expectTrackAt(e, "2025-01-15T02:59:59.999", 3.0 - 0.001 / 3600.0);
}

TEST(EphemerisReader, HorizonsDecimalDegreesCsvFormat) {
    const char* text = R"( Date__(UT)__HR:MN, , , R.A._(ICRF), DEC_(ICRF), dRA*cosD, d(DEC)/dt,
*****************************************************************************************
$$SOE
 2025-Jan-15 00:00, , , 150.000000000, 30.000000000, 31.177, -18.0,
 2025-Jan-15 01:00,*,m, 150.010000000, 29.995000000, 31.177, -18.0,
 2025-Jan-15 02:00,C, , 150.020000000, 29.990000000, 31.177, -18.0,
$$EOE
)";
    const Ephemeris e = EphemerisReader::parse(text, "csvformat.txt");
    ASSERT_EQ(e.points().size(), 3u);
    expectTrackAt(e, "2025-01-15T00:45:00", 0.75);
}

TEST(EphemerisReader, HorizonsJulianDayAndBothFormats) {
    const char* jdOnly = R"( Date_________JDUT     R.A.___(ICRF)___DEC
$$SOE
 2460690.500000000 *m  150.00000  30.00000
 2460690.541666667 *m  150.01000  29.99500
$$EOE
)";
    const Ephemeris a = EphemerisReader::parse(jdOnly, "jd.txt");
    EXPECT_NEAR(a.startMjd(), 60690.0, 1e-9);
    expectTrackAt(a, "2025-01-15T00:30:00", 0.5);

    const char* both =
        R"( Date__(UT)__HR:MN Date_________JDUT     R.A.___(ICRF/J2000.0)___DEC dRA*cosD d(DEC)/dt
$$SOE
 2025-Jan-15 00:00 2460690.500000000 Am  10 00 00.00 +30 00 00.0  31.17  -18.0
 2025-Jan-15 01:00 2460690.541666667 Am  10 00 02.40 +29 59 42.0  31.17  -18.0
$$EOE
)";
    const Ephemeris b = EphemerisReader::parse(both, "both.txt");
    expectTrackAt(b, "2025-01-15T00:30:00", 0.5);
}

TEST(EphemerisReader, NegativeZeroDeclinationKeepsItsSign) {
    const char* text = R"($$SOE
 2025-Jan-15 00:00     00 00 00.00 -00 30 00.0
 2025-Jan-15 01:00     00 00 02.40 -00 29 42.0
$$EOE
)";
    const Ephemeris e = EphemerisReader::parse(text, "south.txt");
    EXPECT_NEAR(e.points()[0].decDeg, -0.5, 1e-12);
}

TEST(EphemerisReader, TdbTablesAreConvertedToUtc) {
    const char* text = R"( Date_(TDB)_HR:MN:SC.fff     R.A.___(ICRF)___DEC
$$SOE
 2025-Jan-15 00:01:09.184     150.00000  30.00000
 2025-Jan-15 01:01:09.184     150.01000  29.99500
$$EOE
)";
    const Ephemeris e = EphemerisReader::parse(text, "tdb.txt");
    EXPECT_NEAR((e.startMjd() - mjd("2025-01-15T00:00:00")) * 86400.0, 0.0, 1e-4);
}

TEST(EphemerisReader, HorizonsGarbageLineNamesFileAndLine) {
    std::string text = kHorizonsHms;
    text.replace(text.find(" 2025-Jan-15 02:00"), 18, " this is not a row");
    expectError([&] { (void)EphemerisReader::parse(text, "bad.txt"); }, {"bad.txt:15", "this is not a row"});

    std::string nanRow = kHorizonsHms;
    nanRow.replace(nanRow.find("10 00 04.80 +29 59 24.0"), 23, "n.a.        n.a.       ");
    expectError([&] { (void)EphemerisReader::parse(nanRow, "na.txt"); }, {"na.txt:15"});

    std::string truncated = kHorizonsHms;
    truncated.erase(truncated.find("$$EOE"));
    expectError([&] { (void)EphemerisReader::parse(truncated, "cut.txt"); }, {"cut.txt", "$$EOE"});
}

TEST(EphemerisReader, OutOfRangeTimesAreErrors) {
    const Ephemeris e = EphemerisReader::parse(kHorizonsHms, "2025_BC.txt");
    // Within the small tolerance: extrapolated.
    expectTrackAt(e, "2025-01-14T23:59:30", -30.0 / 3600.0);
    expectTrackAt(e, "2025-01-15T03:00:45", 3.0 + 45.0 / 3600.0);
    // Beyond it: an error naming the file, the time and the span.
    expectError([&] { (void)e.positionAt(mjd("2025-01-14T23:55:00")); },
                {"2025_BC.txt", "2025-01-14T23:55:00", "outside the ephemeris"});
    expectError([&] { (void)e.positionAt(mjd("2025-01-15T05:00:00")); }, {"2025_BC.txt", "outside"});
    EXPECT_FALSE(e.covers(mjd("2025-01-15T03:02:00")));
}

TEST(EphemerisReader, CsvWithIsoJdAndMjdTimes) {
    const char* iso =
        "# generated by hand\ntime,ra_deg,dec_deg\n2025-01-15T00:00:00.000,150.0,30.0\n"
        "2025-01-15T01:00:00.000,150.01,29.995  # trailing comment\n\n2025-01-15T02:00:00,150.02,29.99\n";
    const Ephemeris a = EphemerisReader::parse(iso, "iso.csv");
    ASSERT_EQ(a.points().size(), 3u);
    expectTrackAt(a, "2025-01-15T01:12:36.250", 1.0 + 756.25 / 3600.0);

    const Ephemeris b =
        EphemerisReader::parse("2460690.5,150.0,30.0\n2460690.541666666667,150.01,29.995\n", "jd.csv");
    EXPECT_NEAR(b.startMjd(), 60690.0, 1e-9);
    const Ephemeris c =
        EphemerisReader::parse("60690.0,150.0,30.0\n60690.041666666667,150.01,29.995\n", "mjd.csv");
    expectTrackAt(c, "2025-01-15T00:20:00", 1.0 / 3.0);
    const Ephemeris d = EphemerisReader::parse(
        "mjd,dec_deg,ra_deg,mag\n60690.0,30.0,150.0,19.5\n60690.041666666667,29.995,150.01,19.5\n",
        "cols.csv");
    expectTrackAt(d, "2025-01-15T00:20:00", 1.0 / 3.0);
}

TEST(EphemerisReader, CsvErrorsNameFileAndLine) {
    expectError(
        [] {
            (void)EphemerisReader::parse("time,ra_deg,dec_deg\n60690.0,150,30\n60690.1,abc,30\n", "x.csv");
        },
        {"x.csv:3", "abc"});
    expectError([] { (void)EphemerisReader::parse("60690.0,150,30\n60690.1,150\n", "short.csv"); },
                {"short.csv:2"});
    expectError([] { (void)EphemerisReader::parse("60690.0,150,30\nyesterday,150,30\n", "t.csv"); },
                {"t.csv:2", "time"});
    expectError([] { (void)EphemerisReader::parse("60690.0,150,30\n60690.1,150,95\n", "dec.csv"); },
                {"dec.csv:2", "range"});
    expectError([] { (void)EphemerisReader::parse("60690.1,150,30\n60690.0,150,30\n", "order.csv"); },
                {"order.csv:2", "increasing"});
    expectError([] { (void)EphemerisReader::parse("60690.1,150,30\n", "one.csv"); }, {"one.csv", "two rows"});
    expectError([] { (void)EphemerisReader::parse("# nothing\n", "empty.csv"); },
                {"empty.csv", "no ephemeris rows"});
}

TEST(EphemerisReader, InterpolationAcrossRaZero) {
    const Ephemeris e = EphemerisReader::parse("60690.0,359.99,10.0\n60690.01,0.01,10.0\n", "wrap.csv");
    const SkyPosition mid = e.positionAt(60690.005);
    EXPECT_LT(separationArcsec(mid, {0.0, 10.0}), kArcsecTol);
    EXPECT_TRUE(mid.raDeg < 0.001 || mid.raDeg > 359.999);
}

TEST(EphemerisReader, CubicInterpolationFollowsCurvedTracks) {
    // A fast object on a curved path sampled hourly: cubic interpolation must beat 0.05".
    std::string csv;
    auto truth = [](double h) {
        return SkyPosition{120.0 + 0.2 * h + 0.01 * h * h, 20.0 + 0.1 * h - 0.02 * h * h};
    };
    for (int h = 0; h <= 6; ++h) {
        const SkyPosition p = truth(h);
        char row[96];
        std::snprintf(row, sizeof row, "%.10f,%.9f,%.9f\n", 60690.0 + h / 24.0, p.raDeg, p.decDeg);
        csv += row;
    }
    const Ephemeris e = EphemerisReader::parse(csv, "curve.csv");
    for (double h : {0.5, 2.25, 3.7, 5.5})
        EXPECT_LT(separationArcsec(e.positionAt(60690.0 + h / 24.0), truth(h)), 0.05) << h;
}

TEST(EphemerisReader, ReadsFilesAndReportsMissingOnes) {
    skyweave::test::TempDir dir;
    const auto path = dir.file("2025_BC.txt");
    std::ofstream(path) << kHorizonsHms;
    EXPECT_EQ(EphemerisReader::readFile(path).points().size(), 4u);
    try {
        (void)EphemerisReader::readFile(dir.file("missing.txt"));
        FAIL();
    } catch (const SkyweaveError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Io);
        EXPECT_NE(std::string(e.what()).find("missing.txt"), std::string::npos);
    }
}

TEST(RateTrack, RateAndPositionAngle) {
    const SkyPosition start{150.0, 30.0};
    const double t0 = mjd("2025-01-15T00:00:00");
    // 6"/min due east for 10 min = 60" east = 60/cos(30°) arcsec of RA.
    const RateTrack east = RateTrack::fromRateAndPa(start, t0, 6.0, 90.0);
    const SkyPosition p = east.positionAt(t0 + 10.0 / 1440.0);
    EXPECT_NEAR((p.raDeg - 150.0) * 3600.0 * std::cos(30.0 * M_PI / 180.0), 60.0, 1e-3);
    // A great circle leaves the parallel by θ²/2·tanδ: 0.005" after 60" at δ = 30°.
    EXPECT_NEAR(p.decDeg * 3600.0, 30.0 * 3600.0 - 0.005, 0.001);
    // PA 180 = due south; RA·cosδ/Dec rates give the same as rate+PA.
    const RateTrack south = RateTrack::fromRateAndPa(start, t0, 6.0, 180.0);
    const RateTrack rates(start, t0, 0.0, -6.0);
    EXPECT_LT(separationArcsec(south.positionAt(t0 + 0.01), rates.positionAt(t0 + 0.01)), 1e-6);
    EXPECT_NEAR((rates.positionAt(t0 - 5.0 / 1440.0).decDeg - 30.0) * 3600.0, 30.0, 1e-6);
}

// Found by tests/fuzz/ephemeris_reader_fuzzer: a Julian Day of 2.7e76 (or nan/inf) reached the
// error message of the time-order check, whose date formatting overflowed converting it to days
// (undefined behaviour). Rows with such times are now refused where they are read.
TEST(EphemerisReader, TimesOutsideTheCalendarAreRefusedPerRow) {
    const char* horizons = R"( Date_________JDUT     R.A.___(ICRF)___DEC
$$SOE
 2460690.500000000 *m  150.00000  30.00000
 2777777777777777777777777777777777777777777777777777777777777777777777777777746066667 *m  150.01000 29.99500
$$EOE
)";
    expectError([&] { (void)EphemerisReader::parse(horizons, "huge-jd.txt"); },
                {"huge-jd.txt:4: time is outside the years 1–9999", "27777777"});
    expectError([&] { (void)EphemerisReader::parse("mjd,ra,dec\n60690,10,5\n-1e300,10.1,5\n", "tiny.csv"); },
                {"tiny.csv:3: time is outside the years 1–9999"});
    expectError([&] { (void)EphemerisReader::parse("jd,ra,dec\n1e300,10,5\n2460690.5,10.1,5\n", "huge.csv"); },
                {"huge.csv:2: time is outside the years 1–9999"});
}
