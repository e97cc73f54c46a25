#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace skyweave::fits {

/**
 * @brief FITS date-time text ↔ Modified Julian Date (UTC), keeping fractional seconds.
 *
 * Accepts the FITS standard forms "YYYY-MM-DD", "YYYY-MM-DDThh:mm:ss[.s…]" (also with a space
 * instead of 'T' and a trailing 'Z'). MJD = JD − 2400000.5; day 0 is 1858-11-17. Leap seconds are
 * not modelled (FITS DATE-OBS is UTC; the error is < 1 s per leap second, only across one).
 */
std::optional<double> parseFitsDateToMjd(std::string_view text);

/// MJD → "YYYY-MM-DDThh:mm:ss.sss" (milliseconds, rounded).
std::string formatMjdAsFitsDate(double mjd);

}  // namespace skyweave::fits
