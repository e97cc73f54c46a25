#include "track/RateTrack.h"

#include <cmath>
#include <cstdio>
#include <numbers>

#include "common/AstroTime.h"
#include "common/Errors.h"

namespace skyweave::track {

RateTrack::RateTrack(SkyPosition reference, double referenceMjd, double eastArcsecPerMin,
                     double northArcsecPerMin)
    : reference_(reference),
      referenceMjd_(referenceMjd),
      eastRate_(eastArcsecPerMin),
      northRate_(northArcsecPerMin) {
    if (!std::isfinite(referenceMjd) || !std::isfinite(eastArcsecPerMin) || !std::isfinite(northArcsecPerMin))
        throw SkyweaveError(ErrorKind::BadInput,
                            "motion rate: the rate and reference time must be finite numbers");
}

RateTrack RateTrack::fromRateAndPa(SkyPosition reference, double referenceMjd, double rateArcsecPerMin,
                                   double paDeg) {
    const double pa = paDeg * std::numbers::pi / 180.0;
    return {reference, referenceMjd, rateArcsecPerMin * std::sin(pa), rateArcsecPerMin * std::cos(pa)};
}

SkyPosition RateTrack::positionAt(double mjdUtc) const {
    if (!std::isfinite(mjdUtc))
        throw SkyweaveError(ErrorKind::BadInput, "motion rate: frame time is not a number");
    const double minutes = (mjdUtc - referenceMjd_) * kSecondsPerDay / 60.0;
    return offsetTangentPlane(reference_, eastRate_ * minutes, northRate_ * minutes);
}

std::string RateTrack::description() const {
    const double rate = std::hypot(eastRate_, northRate_);
    double pa = std::atan2(eastRate_, northRate_) * 180.0 / std::numbers::pi;
    if (pa < 0) pa += 360.0;
    char buf[160];
    std::snprintf(buf, sizeof buf, "rate %.4f\"/min at PA %.2f° (RA·cosδ %+.4f, Dec %+.4f \"/min) from %s",
                  rate, pa, eastRate_, northRate_, AstroTime::mjdToIso(referenceMjd_).c_str());
    return buf;
}

}  // namespace skyweave::track
