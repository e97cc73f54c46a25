#pragma once

#include <optional>
#include <string>

namespace skyweave::fits {
class HeaderCards;
}  // namespace skyweave::fits

namespace skyweave::track {

/// When a frame was exposed, read from its header.
struct FrameTiming {
    std::optional<double> startMjd;  ///< UTC start of the exposure
    std::optional<double> exposureSeconds;
    std::optional<double> midMjd;  ///< start + exposure/2 (start alone when the exposure is unknown)
    std::string problem;           ///< why midMjd is missing, or a caveat when it is approximate

    /**
     * @brief Reads DATE-OBS (ISO, fractional seconds kept; a date-only DATE-OBS is combined with
     *        TIME-OBS or UT), else MJD-OBS; the exposure from EXPTIME, else EXPOSURE.
     *
     * A malformed DATE-OBS is a problem, not a fallback to MJD-OBS: two disagreeing clocks in one
     * header should be looked at by a person.
     */
    [[nodiscard]] static FrameTiming fromHeader(const fits::HeaderCards& header);
};

}  // namespace skyweave::track
