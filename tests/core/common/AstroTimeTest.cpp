#include "common/AstroTime.h"

#include <gtest/gtest.h>

#include <limits>

#include "common/Errors.h"

using skyweave::AstroTime;
using skyweave::SkyweaveError;

namespace {
constexpr double kMicrosecondDays = 1e-6 / 86400.0;
}

TEST(AstroTime, KnownEpochs) {
    EXPECT_DOUBLE_EQ(*AstroTime::parseIsoToMjd("1858-11-17T00:00:00"), 0.0);
    EXPECT_DOUBLE_EQ(*AstroTime::parseIsoToMjd("2000-01-01T12:00:00"), 51544.5);  // J2000 = JD 2451545.0
    EXPECT_DOUBLE_EQ(*AstroTime::parseIsoToMjd("2025-01-15"), 60690.0);
    EXPECT_DOUBLE_EQ(*AstroTime::parseIsoToMjd("2024-02-29T00:00"), 60369.0);  // leap day
}

TEST(AstroTime, KeepsFractionalSeconds) {
    const double base = *AstroTime::parseIsoToMjd("2025-01-15T03:20:00");
    const double withFraction = *AstroTime::parseIsoToMjd("2025-01-15T03:20:00.125");
    EXPECT_NEAR((withFraction - base) * 86400.0, 0.125, 1e-6);
    const double micro = *AstroTime::parseIsoToMjd("2025-01-15T03:20:00.000123");
    EXPECT_NEAR((micro - base) * 86400.0, 0.000123, 2e-6);
    // Space separator and a trailing Z are accepted (both appear in real headers).
    EXPECT_NEAR(*AstroTime::parseIsoToMjd("2025-01-15 03:20:00.125Z"), withFraction, kMicrosecondDays);
}

TEST(AstroTime, FormatsBackWithRounding) {
    const double mjd = *AstroTime::parseIsoToMjd("2025-01-15T03:20:07.125");
    EXPECT_EQ(AstroTime::mjdToIso(mjd), "2025-01-15T03:20:07.125");
    EXPECT_EQ(AstroTime::mjdToIso(mjd, 0), "2025-01-15T03:20:07");
    EXPECT_EQ(AstroTime::mjdToIso(mjd, 6), "2025-01-15T03:20:07.125000");
    // 23:59:59.9996 rounds into the next day instead of printing 60.000 seconds.
    const double late = *AstroTime::parseIsoToMjd("2024-12-31T23:59:59.9996");
    EXPECT_EQ(AstroTime::mjdToIso(late), "2025-01-01T00:00:00.000");
}

TEST(AstroTime, FormatsTimesOutsideTheCalendarAsMjd) {
    EXPECT_EQ(AstroTime::mjdToIso(2.7e76), "MJD 2.7e+76");
    EXPECT_EQ(AstroTime::mjdToIso(-1e9), "MJD -1e+09");
    EXPECT_EQ(AstroTime::mjdToIso(std::numeric_limits<double>::quiet_NaN()), "MJD nan");
    EXPECT_TRUE(AstroTime::isSupportedMjd(*AstroTime::parseIsoToMjd("0001-01-01T00:00:00")));
    EXPECT_TRUE(AstroTime::isSupportedMjd(*AstroTime::parseIsoToMjd("9999-12-31T23:59:59")));
    EXPECT_FALSE(AstroTime::isSupportedMjd(AstroTime::kMaxMjd));
}

TEST(AstroTime, MidExposureCrossesMidnightAndKeepsFractions) {
    const double start = *AstroTime::parseIsoToMjd("2025-01-15T23:59:59.900");
    const double mid = AstroTime::midExposureMjd(start, 0.3);
    EXPECT_EQ(AstroTime::mjdToIso(mid), "2025-01-16T00:00:00.050");
    EXPECT_DOUBLE_EQ(AstroTime::midExposureMjd(start, 0.0), start);
}

TEST(AstroTime, RejectsMalformedDates) {
    for (const char* bad :
         {"", "garbage", "2025-13-01", "2025-02-29", "2025-01-32", "2025-1-5", "2025-01-15T25:00",
          "2025-01-15T03:61", "2025-01-15T03:20:7", "2025-01-15T03:20:00.5x", "2025/01/15"}) {
        EXPECT_FALSE(AstroTime::parseIsoToMjd(bad).has_value()) << bad;
    }
    try {
        (void)AstroTime::isoToMjd("yesterday", "frame_001.fits: DATE-OBS");
        FAIL() << "expected an error";
    } catch (const SkyweaveError& e) {
        EXPECT_NE(std::string(e.what()).find("frame_001.fits: DATE-OBS"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("yesterday"), std::string::npos);
    }
}

TEST(AstroTime, TerrestrialTimeOffset) {
    EXPECT_DOUBLE_EQ(AstroTime::ttMinusUtcSeconds(*AstroTime::parseIsoToMjd("2025-01-15")), 69.184);
    EXPECT_DOUBLE_EQ(AstroTime::ttMinusUtcSeconds(*AstroTime::parseIsoToMjd("2016-12-31T23:00")), 68.184);
    EXPECT_DOUBLE_EQ(AstroTime::ttMinusUtcSeconds(*AstroTime::parseIsoToMjd("2000-01-01")), 64.184);
}
