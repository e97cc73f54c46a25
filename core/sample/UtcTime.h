#pragma once

#include <string>

namespace skyweave::sample {

/// "2025-01-15T03:20:00.250" (FITS DATE-OBS, ISO 8601 without zone, UTC) with `fractionDigits` decimals.
std::string isoUtc(double unixSeconds, int fractionDigits = 3);

/// "2025-Jan-15 03:20:00.000", the calendar format of JPL Horizons tables (TIME_DIGITS = FRACSEC).
std::string horizonsUtc(double unixSeconds);

/// "20250115_032000", for file names.
std::string compactUtc(double unixSeconds);

/// Modified Julian Date (UTC) of a Unix time.
double mjdFromUnix(double unixSeconds);

}  // namespace skyweave::sample
