#include "sample/AsteroidEphemeris.h"

#include <cmath>
#include <cstdio>

#include "sample/UtcTime.h"

namespace skyweave::sample {

namespace {

/// Splits a non-negative value into a b c.ddd (base 60) after rounding at the last printed decimal,
/// so that 59.99996 s carries into the minute instead of printing as "60.0000".
std::string sexagesimal(double value, int secondDecimals, int leadingWidth) {
    const long long unitsPerSecond = std::llround(std::pow(10.0, secondDecimals));
    const long long units = std::llround(value * 3600.0 * static_cast<double>(unitsPerSecond));
    const long long totalSeconds = units / unitsPerSecond;
    const long long fraction = units % unitsPerSecond;
    char text[64];
    std::snprintf(text, sizeof text, "%0*lld %02lld %02lld.%0*lld", leadingWidth, totalSeconds / 3600,
                  (totalSeconds / 60) % 60, totalSeconds % 60, secondDecimals, fraction);
    return text;
}

}  // namespace

std::string formatRaHms(double raDeg, int secondDecimals) {
    double hours = std::fmod(raDeg / 15.0, 24.0);
    if (hours < 0.0) hours += 24.0;
    return sexagesimal(hours, secondDecimals, 2);
}

std::string formatDecDms(double decDeg, int secondDecimals) {
    std::string text = sexagesimal(std::fabs(decDeg), secondDecimals, 2);
    text.insert(text.begin(), decDeg < 0.0 ? '-' : '+');
    return text;
}

std::vector<EphemerisRow> sampleAsteroidEphemeris(const StarFieldScene& scene, double stepSeconds,
                                                  double marginSeconds) {
    const StarFieldParams& p = scene.params;
    const double first = scene.frames.front().startUnixSeconds - marginSeconds;
    const double last = scene.frames.back().startUnixSeconds + p.exposureSeconds + marginSeconds;
    std::vector<EphemerisRow> rows;
    for (double t = std::floor(first / stepSeconds) * stepSeconds; t <= last + stepSeconds; t += stepSeconds)
        rows.push_back({t, scene.asteroidAt(t)});
    return rows;
}

std::string ephemerisCsv(const std::vector<EphemerisRow>& rows) {
    std::string csv = "time,ra_deg,dec_deg\n";
    char line[96];
    for (const EphemerisRow& row : rows) {
        std::snprintf(line, sizeof line, "%s,%.8f,%.8f\n", isoUtc(row.unixSeconds, 3).c_str(), row.sky.raDeg,
                      row.sky.decDeg);
        csv += line;
    }
    return csv;
}

std::string horizonsObserverTable(const std::vector<EphemerisRow>& rows, const std::string& objectName,
                                  double stepSeconds) {
    const std::string rule(79, '*');
    std::string text;
    text += rule + "\n";
    text += "Ephemeris / Skyweave sample data (synthetic; laid out like a JPL Horizons observer table)\n";
    text += rule + "\n";
    text += "Target body name: " + objectName + " (synthetic asteroid)\n";
    text += "Center body name: Earth (399)\n";
    text += "Center-site name: GEOCENTRIC\n";
    text += rule + "\n";
    if (!rows.empty()) {
        text += "Start time      : A.D. " + horizonsUtc(rows.front().unixSeconds) + " UT\n";
        text += "Stop  time      : A.D. " + horizonsUtc(rows.back().unixSeconds) + " UT\n";
    }
    char step[64];
    std::snprintf(step, sizeof step, "Step-size       : %g minutes\n", stepSeconds / 60.0);
    text += step;
    text += rule + "\n";
    text += "RA format       : HMS\n";
    text += "Time format     : CAL\n";
    text += "EOP file        : none (synthetic)\n";
    text += "Units conversion: 1 au= 149597870.700 km, c= 299792.458 km/s, 1 day= 86400.0 s\n";
    text += rule + "\n";
    text += " Date__(UT)__HR:MN:SC.fff     R.A.__(ICRF)__DEC\n";
    text += rule + "\n";
    text += "$$SOE\n";
    for (const EphemerisRow& row : rows) {
        text.append(" ").append(horizonsUtc(row.unixSeconds)).append("     ");
        text.append(formatRaHms(row.sky.raDeg)).append(" ").append(formatDecDms(row.sky.decDeg)).append("\n");
    }
    text += "$$EOE\n";
    text += rule + "\n";
    text += "Column meaning:\n";
    text += " R.A._(ICRF)_DEC = astrometric right ascension and declination (ICRF), as in Horizons quantity 1.\n";
    text += rule + "\n";
    return text;
}

}  // namespace skyweave::sample
