#pragma once

#include <string>

#include "track/SkyPosition.h"

namespace skyweave::track {

/**
 * @brief Where a moving object is on the sky at a given UTC time.
 *
 * Implemented by Ephemeris (a tabulated track) and RateTrack (a constant rate from a reference
 * position). Implementations are immutable after construction, so one object may be shared by
 * threads.
 */
class ObjectTrack {
public:
    virtual ~ObjectTrack() = default;
    /// Position at `mjdUtc`; throws SkyweaveError(BadInput) when the track does not cover that time.
    [[nodiscard]] virtual SkyPosition positionAt(double mjdUtc) const = 0;
    /// One line for logs and headers: "ephemeris 2025_BC.txt (24 rows, 2025-01-15T00:00 – …)".
    [[nodiscard]] virtual std::string description() const = 0;
};

}  // namespace skyweave::track
