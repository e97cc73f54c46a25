#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace skyweave {

/// MJD = JD − 2400000.5 (IAU convention, used by FITS MJD-OBS).
inline constexpr double kMjdOffsetFromJd = 2400000.5;
inline constexpr double kSecondsPerDay = 86400.0;

/**
 * @brief Calendar ↔ Modified Julian Date conversions that keep sub-second precision.
 *
 * Times are plain doubles in days (MJD). Near MJD 60000 a double resolves ~1 µs, far below
 * what moving-object tracking needs (a 100″/min NEO moves 1.7″ per second). Leap seconds are
 * not inserted into the calendar (a time of 23:59:60 is accepted and counted as the next
 * second), which is how DATE-OBS is used in practice.
 */
class AstroTime {
public:
    /**
     * @brief Parses FITS/ISO-8601 "YYYY-MM-DD[THH:MM[:SS[.fff…]]][Z]" (a space may replace the T).
     * @return MJD (UTC days); std::nullopt when the text is not such a date.
     */
    [[nodiscard]] static std::optional<double> parseIsoToMjd(std::string_view text);

    /// Like parseIsoToMjd but throws SkyweaveError(BadInput) naming `context` on failure.
    [[nodiscard]] static double isoToMjd(std::string_view text, const std::string& context);

    /// MJD of 0001-01-01T00:00 and 10000-01-01T00:00: the calendar dates Skyweave reads and prints.
    static constexpr double kMinMjd = -678575.0;
    static constexpr double kMaxMjd = 2973484.0;

    /// True for a finite MJD in the years 1–9999 (kMinMjd ≤ mjd < kMaxMjd).
    [[nodiscard]] static bool isSupportedMjd(double mjd) { return mjd >= kMinMjd && mjd < kMaxMjd; }

    /// MJD → "YYYY-MM-DDTHH:MM:SS.fff" with `secondDecimals` digits (0–6), rounded once;
    /// outside the years 1–9999 (or NaN) → "MJD <value>", so an error message can always show it.
    [[nodiscard]] static std::string mjdToIso(double mjd, int secondDecimals = 3);

    /// Days since 1858-11-17 for a proleptic Gregorian date plus a time of day in seconds.
    [[nodiscard]] static double civilToMjd(int year, int month, int day, double secondsOfDay);

    /**
     * @brief Mid-exposure MJD: start + exposure/2, fractions kept.
     * @param exposureSeconds negative values are rejected by callers; 0 means the start time.
     */
    [[nodiscard]] static double midExposureMjd(double startMjd, double exposureSeconds) {
        return startMjd + exposureSeconds / 2.0 / kSecondsPerDay;
    }

    /// TT − UTC in seconds at a UTC MJD (32.184 s + TAI−UTC from the leap-second table, 1972+).
    [[nodiscard]] static double ttMinusUtcSeconds(double utcMjd);
};

}  // namespace skyweave
