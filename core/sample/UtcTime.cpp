#include "sample/UtcTime.h"

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace skyweave::sample {

namespace {

constexpr double kUnixEpochMjd = 40587.0;
constexpr std::array<const char*, 12> kMonthNames{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/// A UTC instant split into calendar fields; the fraction is already rounded to `fractionDigits`.
struct CivilTime {
    int year = 0;
    unsigned month = 0;
    unsigned day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    long long fraction = 0;  ///< in units of 10^-fractionDigits s
};

CivilTime split(double unixSeconds, int fractionDigits) {
    // Round once in integer units so that 59.9996 s never prints as "59.1000" or "60.000".
    const long long unitsPerSecond = static_cast<long long>(std::llround(std::pow(10.0, fractionDigits)));
    const long long units = std::llround(unixSeconds * static_cast<double>(unitsPerSecond));
    long long seconds = units / unitsPerSecond;
    long long fraction = units % unitsPerSecond;
    if (fraction < 0) {
        fraction += unitsPerSecond;
        --seconds;
    }
    using namespace std::chrono;
    const sys_seconds instant{std::chrono::seconds{seconds}};
    const sys_days day = floor<days>(instant);
    const year_month_day ymd{day};
    const hh_mm_ss hms{instant - day};
    return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
            static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
            static_cast<int>(hms.seconds().count()), fraction};
}

}  // namespace

std::string isoUtc(double unixSeconds, int fractionDigits) {
    const CivilTime t = split(unixSeconds, fractionDigits);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d", t.year, t.month, t.day, t.hour, t.minute,
                  t.second);
    std::string result = text;
    if (fractionDigits > 0) {
        std::snprintf(text, sizeof text, ".%0*lld", fractionDigits, t.fraction);
        result += text;
    }
    return result;
}

std::string horizonsUtc(double unixSeconds) {
    const CivilTime t = split(unixSeconds, 3);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%s-%02u %02d:%02d:%02d.%03lld", t.year, kMonthNames.at(t.month - 1),
                  t.day, t.hour, t.minute, t.second, t.fraction);
    return text;
}

std::string compactUtc(double unixSeconds) {
    const CivilTime t = split(unixSeconds, 0);
    char text[32];
    std::snprintf(text, sizeof text, "%04d%02u%02u_%02d%02d%02d", t.year, t.month, t.day, t.hour, t.minute,
                  t.second);
    return text;
}

double mjdFromUnix(double unixSeconds) { return kUnixEpochMjd + unixSeconds / 86400.0; }

}  // namespace skyweave::sample
