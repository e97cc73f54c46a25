#pragma once

#include "track/ObjectTrack.h"

namespace skyweave::track {

/**
 * @brief A constant-rate sky track: the object is at `reference` at `referenceMjd` and moves
 *        along a straight line in the tangent plane of that position.
 *
 * Rates are on-sky: `eastArcsecPerMin` is ΔRA·cosδ (Horizons' "dRA*cosD"), `northArcsecPerMin`
 * is ΔDec. A rate and position angle (degrees from north through east, as Astrometrica and MPC
 * give it) converts with fromRateAndPa(). Valid for the hours a stack spans; over days the
 * curvature of a real orbit matters and an ephemeris is the right input.
 */
class RateTrack final : public ObjectTrack {
public:
    RateTrack(SkyPosition reference, double referenceMjd, double eastArcsecPerMin, double northArcsecPerMin);

    /// rate in arcsec/min along position angle `paDeg` (0 = north, 90 = east).
    [[nodiscard]] static RateTrack fromRateAndPa(SkyPosition reference, double referenceMjd, double rateArcsecPerMin,
                                                 double paDeg);

    [[nodiscard]] SkyPosition positionAt(double mjdUtc) const override;
    [[nodiscard]] std::string description() const override;

    [[nodiscard]] double eastArcsecPerMin() const { return eastRate_; }
    [[nodiscard]] double northArcsecPerMin() const { return northRate_; }

private:
    SkyPosition reference_;
    double referenceMjd_;
    double eastRate_;
    double northRate_;
};

}  // namespace skyweave::track
