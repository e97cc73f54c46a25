#include "sample/AsteroidEphemeris.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "sample/UtcTime.h"

using namespace skyweave::sample;

TEST(UtcTime, FormatsFractionalSecondsAndHorizonsCalendar) {
    EXPECT_EQ(isoUtc(kSampleStartUnixSeconds), "2025-01-15T03:20:00.250");
    EXPECT_EQ(isoUtc(kSampleStartUnixSeconds, 0), "2025-01-15T03:20:00");
    EXPECT_EQ(horizonsUtc(kSampleStartUnixSeconds), "2025-Jan-15 03:20:00.250");
    EXPECT_EQ(compactUtc(1736911200.0), "20250115_032000");
    // Rounding carries into the minute instead of printing 60 seconds.
    EXPECT_EQ(isoUtc(1736911259.9996), "2025-01-15T03:21:00.000");
    EXPECT_NEAR(mjdFromUnix(kSampleStartUnixSeconds), 60690.138891, 1e-6);
}

TEST(AsteroidEphemeris, SexagesimalRoundsAndCarries) {
    EXPECT_EQ(formatRaHms(82.8014141667), "05 31 12.3394");
    EXPECT_EQ(formatRaHms(15.0 * (1.0 - 0.00001 / 3600.0)), "01 00 00.0000");
    EXPECT_EQ(formatDecDms(22.014222222), "+22 00 51.200");
    EXPECT_EQ(formatDecDms(-0.5), "-00 30 00.000");
}

TEST(AsteroidEphemeris, CoversEveryExposureWithMarginInBothFormats) {
    StarFieldParams params;
    params.frameCount = 5;
    params.width = params.height = 64;
    params.starCount = 5;
    const StarFieldScene scene = buildStarFieldScene(params);
    const auto rows = sampleAsteroidEphemeris(scene, 60.0, 600.0);
    ASSERT_GE(rows.size(), 2u);
    EXPECT_LE(rows.front().unixSeconds, scene.frames.front().startUnixSeconds - 600.0);
    EXPECT_GE(rows.back().unixSeconds, scene.frames.back().startUnixSeconds + params.exposureSeconds + 600.0);

    const std::string csv = ephemerisCsv(rows);
    EXPECT_EQ(csv.rfind("time,ra_deg,dec_deg\n", 0), 0u);
    EXPECT_NE(csv.find("2025-01-15T03:10:00.000,"), std::string::npos);

    const std::string table = horizonsObserverTable(rows, "2025 SW1");
    const auto soe = table.find("$$SOE\n");
    const auto eoe = table.find("$$EOE\n");
    ASSERT_NE(soe, std::string::npos);
    ASSERT_LT(soe, eoe);
    std::istringstream body(table.substr(soe + 6, eoe - soe - 6));
    const std::regex line(R"( \d{4}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}     \d{2} \d{2} \d{2}\.\d{4} [+-]\d{2} \d{2} \d{2}\.\d{3})");
    std::size_t count = 0;
    for (std::string text; std::getline(body, text); ++count) EXPECT_TRUE(std::regex_match(text, line)) << text;
    EXPECT_EQ(count, rows.size());
}

TEST(AsteroidEphemeris, InterpolatedRowsGiveTheTruePositionAtMidExposure) {
    StarFieldParams params;
    params.frameCount = 4;
    params.width = params.height = 64;
    params.starCount = 0;
    const StarFieldScene scene = buildStarFieldScene(params);
    const auto rows = sampleAsteroidEphemeris(scene);
    for (const SceneFrame& frame : scene.frames) {
        std::size_t i = 0;
        while (rows[i + 1].unixSeconds < frame.midUnixSeconds) ++i;
        const double f = (frame.midUnixSeconds - rows[i].unixSeconds) / (rows[i + 1].unixSeconds - rows[i].unixSeconds);
        const SkyPosition sky{rows[i].sky.raDeg + f * (rows[i + 1].sky.raDeg - rows[i].sky.raDeg),
                              rows[i].sky.decDeg + f * (rows[i + 1].sky.decDeg - rows[i].sky.decDeg)};
        const PixelPosition px = frame.wcs.worldToPixel(sky);
        EXPECT_NEAR(px.x, frame.asteroidPx.x, 1e-3);
        EXPECT_NEAR(px.y, frame.asteroidPx.y, 1e-3);
    }
}
