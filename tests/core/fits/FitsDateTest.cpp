#include "fits/FitsDate.h"

#include <gtest/gtest.h>

using namespace skyweave::fits;

TEST(FitsDate, KnownEpochs) {
    EXPECT_DOUBLE_EQ(*parseFitsDateToMjd("1858-11-17"), 0.0);
    EXPECT_DOUBLE_EQ(*parseFitsDateToMjd("2000-01-01T12:00:00"), 51544.5);  // J2000.0
    EXPECT_DOUBLE_EQ(*parseFitsDateToMjd("2000-01-01T12:00"), 51544.5);
}

TEST(FitsDate, KeepsFractionalSeconds) {
    const double a = *parseFitsDateToMjd("2025-01-15T03:04:05.250");
    const double b = *parseFitsDateToMjd("2025-01-15T03:04:05");
    EXPECT_NEAR((a - b) * 86400.0, 0.25, 1e-6);
    EXPECT_NEAR((*parseFitsDateToMjd("2025-01-15 03:04:05.5Z") - b) * 86400.0, 0.5, 1e-6);
}

TEST(FitsDate, RejectsGarbage) {
    EXPECT_FALSE(parseFitsDateToMjd(""));
    EXPECT_FALSE(parseFitsDateToMjd("yesterday"));
    EXPECT_FALSE(parseFitsDateToMjd("2025-13-01"));
    EXPECT_FALSE(parseFitsDateToMjd("2025-01-01T25:00:00"));
    EXPECT_FALSE(parseFitsDateToMjd("2025-01-01T01:00:00.x"));
}

TEST(FitsDate, FormatRoundTrips) {
    EXPECT_EQ(formatMjdAsFitsDate(51544.5), "2000-01-01T12:00:00.000");
    const double mjd = *parseFitsDateToMjd("2024-02-29T23:59:59.123");
    EXPECT_EQ(formatMjdAsFitsDate(mjd), "2024-02-29T23:59:59.123");
}
