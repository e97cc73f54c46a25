#include "fits/FitsDate.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace skyweave::fits {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
long long daysFromCivil(long long y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

void civilFromDays(long long z, int& y, unsigned& m, unsigned& d) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

constexpr long long kMjdEpochDaysFrom1970 = -40587;  // 1858-11-17 relative to 1970-01-01

bool digits(std::string_view s, std::size_t pos, std::size_t count, int& out) {
    if (pos + count > s.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

}  // namespace

std::optional<double> parseFitsDateToMjd(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\'')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\'' || text.back() == 'Z')) text.remove_suffix(1);
    int year = 0, month = 0, day = 0;
    if (!digits(text, 0, 4, year) || text.size() < 10 || text[4] != '-' || !digits(text, 5, 2, month) ||
        text[7] != '-' || !digits(text, 8, 2, day))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
    double secondsOfDay = 0.0;
    if (text.size() > 10) {
        if (text[10] != 'T' && text[10] != ' ') return std::nullopt;
        int hour = 0, minute = 0, second = 0;
        if (!digits(text, 11, 2, hour) || text.size() < 16 || text[13] != ':' || !digits(text, 14, 2, minute))
            return std::nullopt;
        double fraction = 0.0;
        if (text.size() > 16) {
            if (text[16] != ':' || !digits(text, 17, 2, second)) return std::nullopt;
            if (text.size() > 19) {
                if (text[19] != '.') return std::nullopt;
                const std::string frac(text.substr(19));
                char* end = nullptr;
                fraction = std::strtod(frac.c_str(), &end);
                if (end != frac.c_str() + frac.size()) return std::nullopt;
            }
        }
        if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
        secondsOfDay = hour * 3600.0 + minute * 60.0 + second + fraction;
    }
    const long long days = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    return static_cast<double>(days - kMjdEpochDaysFrom1970) + secondsOfDay / 86400.0;
}

std::string formatMjdAsFitsDate(double mjd) {
    double dayPart = std::floor(mjd);
    long long millis = std::llround((mjd - dayPart) * 86400000.0);
    if (millis >= 86400000LL) {
        millis -= 86400000LL;
        dayPart += 1.0;
    }
    int y = 0;
    unsigned m = 0, d = 0;
    civilFromDays(static_cast<long long>(dayPart) + kMjdEpochDaysFrom1970, y, m, d);
    const long long hh = millis / 3600000, mm = millis / 60000 % 60, ss = millis / 1000 % 60, ms = millis % 1000;
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lld.%03lld", y, m, d, hh, mm, ss, ms);
    return buf;
}

}  // namespace skyweave::fits
