#pragma once

#include <string>
#include <vector>

#include "track/ObjectTrack.h"

namespace skyweave::track {

/// One tabulated position; time is UTC MJD (tables in TT/TDB are converted when read).
struct EphemerisPoint {
    double mjdUtc = 0.0;
    double raDeg = 0.0;
    double decDeg = 0.0;
};

/**
 * @brief A tabulated sky track, interpolated in time.
 *
 * Interpolation works on unit vectors (cubic Lagrange through the four nearest rows, linear
 * when only two exist), so RA wrap-around at 0/360° and high declinations need no special
 * cases. Times outside the table by more than kExtrapolationToleranceSeconds are an error:
 * a silently extrapolated asteroid lands in the wrong place, which is worse than no stack.
 */
class Ephemeris final : public ObjectTrack {
public:
    /// Linear extrapolation allowed past either end of the table (a frame that starts a few
    /// seconds before the first row is fine; one that starts an hour before is not).
    static constexpr double kExtrapolationToleranceSeconds = 60.0;

    /**
     * @param points at least two rows, strictly increasing in time (throws SkyweaveError otherwise)
     * @param sourceName the file name, used in every error message
     * @param targetName the object named by the table, empty when unknown
     */
    Ephemeris(std::vector<EphemerisPoint> points, std::string sourceName, std::string targetName = {});

    [[nodiscard]] SkyPosition positionAt(double mjdUtc) const override;
    [[nodiscard]] std::string description() const override;

    [[nodiscard]] bool covers(double mjdUtc) const;
    [[nodiscard]] double startMjd() const { return points_.front().mjdUtc; }
    [[nodiscard]] double endMjd() const { return points_.back().mjdUtc; }
    [[nodiscard]] const std::vector<EphemerisPoint>& points() const { return points_; }
    [[nodiscard]] const std::string& sourceName() const { return sourceName_; }
    [[nodiscard]] const std::string& targetName() const { return targetName_; }

private:
    std::vector<EphemerisPoint> points_;
    std::string sourceName_;
    std::string targetName_;
};

}  // namespace skyweave::track
