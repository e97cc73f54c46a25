#include "common/AstroTime.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <utility>

#include "common/Errors.h"

namespace skyweave {
namespace {

constexpr long long kMjdOfUnixEpoch = 40587;  // 1970-01-01

// Howard Hinnant's days_from_civil / civil_from_days (public-domain algorithms, proleptic Gregorian).
long long daysFromCivil(long long y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

struct Civil {
    long long year;
    unsigned month, day;
};

Civil civilFromDays(long long z) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<long long>(yoe) + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

bool isLeapYear(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m) {
    static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeapYear(y) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

/// Reads exactly `width` digits at `pos`.
bool readFixed(std::string_view s, std::size_t& pos, std::size_t width, int& out) {
    if (pos + width > s.size()) return false;
    int v = 0;
    for (std::size_t i = 0; i < width; ++i) {
        const char c = s[pos + i];
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    pos += width;
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

}  // namespace

double AstroTime::civilToMjd(int year, int month, int day, double secondsOfDay) {
    const long long days = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    return static_cast<double>(days + kMjdOfUnixEpoch) + secondsOfDay / kSecondsPerDay;
}

std::optional<double> AstroTime::parseIsoToMjd(std::string_view text) {
    const std::string_view s = trim(text);
    std::size_t pos = 0;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0;
    double seconds = 0.0;
    if (!readFixed(s, pos, 4, year) || pos >= s.size() || s[pos++] != '-' || !readFixed(s, pos, 2, month) ||
        pos >= s.size() || s[pos++] != '-' || !readFixed(s, pos, 2, day))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return std::nullopt;
    if (pos < s.size() && (s[pos] == 'T' || s[pos] == ' ')) {
        ++pos;
        if (!readFixed(s, pos, 2, hour) || pos >= s.size() || s[pos++] != ':' ||
            !readFixed(s, pos, 2, minute))
            return std::nullopt;
        if (pos < s.size() && s[pos] == ':') {
            ++pos;
            // Seconds with any number of decimals: these fractions are the point of this parser.
            std::size_t end = pos;
            while (end < s.size() && ((s[end] >= '0' && s[end] <= '9') || s[end] == '.')) ++end;
            if (end - pos < 2 || s[pos + 1] == '.') return std::nullopt;  // need two integer digits
            const auto [ptr, ec] = std::from_chars(s.data() + pos, s.data() + end, seconds);
            if (ec != std::errc() || ptr != s.data() + end) return std::nullopt;
            pos = end;
        }
        if (hour > 23 || minute > 59 || seconds < 0.0 || seconds >= 61.0) return std::nullopt;
    }
    if (pos < s.size() && s[pos] == 'Z') ++pos;
    if (pos != s.size()) return std::nullopt;
    return civilToMjd(year, month, day, hour * 3600.0 + minute * 60.0 + seconds);
}

double AstroTime::isoToMjd(std::string_view text, const std::string& context) {
    if (const auto mjd = parseIsoToMjd(text)) return *mjd;
    throw SkyweaveError(ErrorKind::BadInput, context + ": \"" + std::string(text) +
                                                 "\" is not a date (expected YYYY-MM-DDTHH:MM:SS.sss)");
}

std::string AstroTime::mjdToIso(double mjd, int secondDecimals) {
    if (!isSupportedMjd(mjd)) {
        // Converting such a value to whole days would overflow (undefined behaviour for ±1e300 or NaN).
        char raw[48];
        std::snprintf(raw, sizeof raw, "MJD %g", mjd);
        return raw;
    }
    secondDecimals = secondDecimals < 0 ? 0 : (secondDecimals > 6 ? 6 : secondDecimals);
    const auto scale = static_cast<long long>(std::llround(std::pow(10.0, secondDecimals)));
    long long day = static_cast<long long>(std::floor(mjd));
    // Round the time of day once, in units of the last printed digit, so 59.9996 s never prints as 60.000.
    long long units =
        std::llround((mjd - static_cast<double>(day)) * kSecondsPerDay * static_cast<double>(scale));
    const long long unitsPerDay = 86400LL * scale;
    if (units >= unitsPerDay) {
        units -= unitsPerDay;
        ++day;
    }
    const Civil c = civilFromDays(day - kMjdOfUnixEpoch);
    const long long wholeSeconds = units / scale;
    const long long fraction = units % scale;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld", c.year, c.month, c.day,
                  wholeSeconds / 3600, (wholeSeconds / 60) % 60, wholeSeconds % 60);
    std::string out = buf;
    if (secondDecimals > 0) {
        std::snprintf(buf, sizeof buf, ".%0*lld", secondDecimals, fraction);
        out += buf;
    }
    return out;
}

double AstroTime::ttMinusUtcSeconds(double utcMjd) {
    // TAI−UTC steps (IERS Bulletin C); the last one is 2017-01-01. Before 1972 UTC was not in whole
    // seconds — 10 s is used, far inside what tracking needs for such old data.
    struct Step {
        int year, month, taiMinusUtc;
    };
    static constexpr std::array<Step, 28> kSteps{{
        {1972, 1, 10}, {1972, 7, 11}, {1973, 1, 12}, {1974, 1, 13}, {1975, 1, 14}, {1976, 1, 15},
        {1977, 1, 16}, {1978, 1, 17}, {1979, 1, 18}, {1980, 1, 19}, {1981, 7, 20}, {1982, 7, 21},
        {1983, 7, 22}, {1985, 7, 23}, {1988, 1, 24}, {1990, 1, 25}, {1991, 1, 26}, {1992, 7, 27},
        {1993, 7, 28}, {1994, 7, 29}, {1996, 1, 30}, {1997, 7, 31}, {1999, 1, 32}, {2006, 1, 33},
        {2009, 1, 34}, {2012, 7, 35}, {2015, 7, 36}, {2017, 1, 37},
    }};
    int taiMinusUtc = 10;
    for (const Step& step : kSteps) {
        if (utcMjd >= civilToMjd(step.year, step.month, 1, 0.0)) taiMinusUtc = step.taiMinusUtc;
    }
    return 32.184 + taiMinusUtc;
}

}  // namespace skyweave
