#include "sample/UtcTime.h"

#include <array>
#include <string>

#include "common/AstroTime.h"

namespace skyweave::sample {

namespace {
constexpr double kUnixEpochMjd = 40587.0;
constexpr std::array<const char*, 12> kMonthNames{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
}  // namespace

std::string isoUtc(double unixSeconds, int fractionDigits) {
    return AstroTime::mjdToIso(mjdFromUnix(unixSeconds), fractionDigits);
}

std::string horizonsUtc(double unixSeconds) {
    // "2025-01-15T03:20:00.250" → "2025-Jan-15 03:20:00.250"
    const std::string iso = isoUtc(unixSeconds, 3);
    const auto month = static_cast<std::size_t>(std::stoi(iso.substr(5, 2)));
    return iso.substr(0, 5) + kMonthNames.at(month - 1) + iso.substr(7, 3) + " " + iso.substr(11);
}

std::string compactUtc(double unixSeconds) {
    // "2025-01-15T03:20:00" → "20250115_032000"
    std::string compact;
    for (const char c : isoUtc(unixSeconds, 0)) {
        if (c == 'T') compact += '_';
        else if (c != '-' && c != ':') compact += c;
    }
    return compact;
}

double mjdFromUnix(double unixSeconds) { return kUnixEpochMjd + unixSeconds / 86400.0; }

}  // namespace skyweave::sample
