#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "track/Ephemeris.h"

namespace skyweave::track {

/**
 * @brief Reads ephemeris files: JPL Horizons observer tables and simple CSV.
 *
 * Horizons (recognised by its `$$SOE` marker): rows between `$$SOE` and `$$EOE`; dates as
 * "2025-Jan-15 03:20", "…:SS" or "…:SS.fff", or a Julian Day, or both (CAL_FORMAT=BOTH);
 * solar/lunar presence markers are skipped; RA/Dec in HMS/DMS or decimal degrees, as plain
 * text or CSV_FORMAT=YES. The first two angle columns must be the astrometric RA/Dec
 * (QUANTITIES=1 first). Tables in TT or TDB (column header "(TT)", "(TDB)", "JDTT", "JDTDB")
 * are converted to UTC with the leap-second table.
 *
 * CSV: `time,ra_deg,dec_deg` per line; `#` starts a comment; an optional header line names the
 * columns (time|date|utc|jd|mjd, ra|ra_deg, dec|dec_deg; other columns are ignored). Times are
 * ISO-8601 (UTC), JD (> 2400000) or MJD; a `jd` or `mjd` header forces the numeric meaning.
 *
 * Any row that cannot be read is an error naming the file and line; nothing is skipped silently.
 */
class EphemerisReader {
public:
    /// Reads and parses a file; throws SkyweaveError (Io when unreadable, BadInput when malformed).
    [[nodiscard]] static Ephemeris readFile(const std::filesystem::path& path);
    /// Parses text; Horizons when it contains `$$SOE`, CSV otherwise. `sourceName` prefixes errors.
    [[nodiscard]] static Ephemeris parse(std::string_view text, const std::string& sourceName);
    [[nodiscard]] static Ephemeris parseHorizons(std::string_view text, const std::string& sourceName);
    [[nodiscard]] static Ephemeris parseCsv(std::string_view text, const std::string& sourceName);
};

}  // namespace skyweave::track
