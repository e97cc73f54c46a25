#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace skyweave {

/// How the frames of a sequence are put in time order.
enum class FrameOrder {
    Auto,       ///< by timestamp when every name carries one, otherwise by natural name order
    Name,       ///< natural order: "frame2" before "frame10"
    Timestamp,  ///< by the timestamp in the name; a name without one is an error
};

/**
 * @brief Seconds since 1970-01-01 UTC from a timestamp embedded in a file name, if any.
 *
 * Recognised, first match wins: `YYYYMMDDTHHMMSS[Z]` (…_20240101T120000Z.png), `YYYYMMDD_HHMMSS`,
 * and GOES day-of-year stamps `YYYYDDDHHMM` (CDN names, 11 digits) and `sYYYYDDDHHMMSSt` (ABI
 * L1b/L2 names, 14 digits with tenths). A digit run of another length is not taken for a timestamp,
 * and out-of-range fields (month 13, day 367, hour 24) are rejected.
 */
std::optional<std::int64_t> timestampFromName(const std::string& fileName);

/// "frame2.png" < "frame10.png": digit runs compare as numbers, the rest byte-wise.
bool naturalLess(const std::string& a, const std::string& b);

/**
 * @brief Sorts frame paths in place by `order` (ties and Name order: natural order of file names).
 * @throws SkyweaveError(BadInput) for Timestamp order when a name carries no timestamp (names it).
 * @return the order actually used (Auto resolves to Name or Timestamp).
 */
FrameOrder sortFrames(std::vector<std::filesystem::path>& paths, FrameOrder order);

}  // namespace skyweave
