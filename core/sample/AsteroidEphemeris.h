#pragma once

#include <string>
#include <vector>

#include "sample/StarFieldScene.h"

namespace skyweave::sample {

/// One ephemeris line: where the asteroid is (astrometric ICRS) at a UTC instant.
struct EphemerisRow {
    double unixSeconds = 0.0;
    SkyPosition sky;
};

/**
 * @brief Samples the scene's asteroid track on a regular grid of whole steps covering every exposure plus a margin.
 *
 * Like a Horizons query with a 1-minute step: a reader interpolates between rows at each frame's
 * mid-exposure. The track is a straight line in the tangent plane, so linear interpolation between
 * 1-minute rows is exact to far below a milli-pixel.
 */
std::vector<EphemerisRow> sampleAsteroidEphemeris(const StarFieldScene& scene, double stepSeconds = 60.0,
                                                  double marginSeconds = 600.0);

/// CSV with header `time,ra_deg,dec_deg`: ISO UTC times with milliseconds, degrees with 8 decimals.
std::string ephemerisCsv(const std::vector<EphemerisRow>& rows);

/**
 * @brief The same rows as a JPL Horizons observer table (quantity 1, extra precision, UT calendar times).
 *
 * A header in Horizons' layout, then between `$$SOE` and `$$EOE` one line per row:
 * ` 2025-Jan-15 03:20:00.000     05 31 12.3456 +22 00 51.234`.
 */
std::string horizonsObserverTable(const std::vector<EphemerisRow>& rows, const std::string& objectName,
                                  double stepSeconds = 60.0);

/// "05 31 12.3456": right ascension in hours, minutes and seconds.
std::string formatRaHms(double raDeg, int secondDecimals = 4);
/// "+22 00 51.234": declination in degrees, arcminutes and arcseconds with a sign.
std::string formatDecDms(double decDeg, int secondDecimals = 3);

}  // namespace skyweave::sample
