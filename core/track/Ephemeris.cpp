#include "track/Ephemeris.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "common/AstroTime.h"
#include "common/Errors.h"

namespace skyweave::track {

Ephemeris::Ephemeris(std::vector<EphemerisPoint> points, std::string sourceName, std::string targetName)
    : points_(std::move(points)), sourceName_(std::move(sourceName)), targetName_(std::move(targetName)) {
    if (points_.size() < 2) {
        throw SkyweaveError(ErrorKind::BadInput,
                            sourceName_ + ": an ephemeris needs at least two rows to interpolate, found " +
                                std::to_string(points_.size()));
    }
    for (std::size_t i = 1; i < points_.size(); ++i) {
        if (!(points_[i].mjdUtc > points_[i - 1].mjdUtc)) {
            throw SkyweaveError(ErrorKind::BadInput,
                                sourceName_ + ": ephemeris times must increase, but row " +
                                    std::to_string(i + 1) + " (" + AstroTime::mjdToIso(points_[i].mjdUtc) +
                                    ") is not after row " + std::to_string(i) + " (" +
                                    AstroTime::mjdToIso(points_[i - 1].mjdUtc) + ")");
        }
    }
}

bool Ephemeris::covers(double mjdUtc) const {
    const double tol = kExtrapolationToleranceSeconds / kSecondsPerDay;
    return mjdUtc >= startMjd() - tol && mjdUtc <= endMjd() + tol;
}

SkyPosition Ephemeris::positionAt(double mjdUtc) const {
    if (!std::isfinite(mjdUtc) || !covers(mjdUtc)) {
        throw SkyweaveError(
            ErrorKind::BadInput,
            sourceName_ + ": time " + AstroTime::mjdToIso(mjdUtc) + " is outside the ephemeris (" +
                AstroTime::mjdToIso(startMjd()) + " to " + AstroTime::mjdToIso(endMjd()) + "; at most " +
                std::to_string(static_cast<int>(kExtrapolationToleranceSeconds)) +
                " s beyond either end is extrapolated) — request an ephemeris covering all frames");
    }
    // Rows [lo, hi] used: four around the bracketing pair (shifted inwards at the ends of the table),
    // or just the end pair when extrapolating, where a cubic would swing.
    const auto upper = std::upper_bound(points_.begin(), points_.end(), mjdUtc,
                                        [](double t, const EphemerisPoint& p) { return t < p.mjdUtc; });
    std::size_t right = static_cast<std::size_t>(upper - points_.begin());
    right = std::clamp<std::size_t>(right, 1, points_.size() - 1);
    std::size_t lo = right - 1, hi = right;  // inclusive
    const bool inside = mjdUtc >= startMjd() && mjdUtc <= endMjd();
    if (inside && points_.size() >= 4) {
        lo = std::min(lo > 0 ? lo - 1 : 0, points_.size() - 4);
        hi = lo + 3;
    } else if (inside && points_.size() == 3) {
        lo = 0;
        hi = 2;
    }
    // Time relative to the first used row keeps the Lagrange products well conditioned.
    const double t0 = points_[lo].mjdUtc;
    std::array<double, 3> sum{0.0, 0.0, 0.0};
    for (std::size_t i = lo; i <= hi; ++i) {
        double weight = 1.0;
        for (std::size_t j = lo; j <= hi; ++j) {
            if (j == i) continue;
            weight *= ((mjdUtc - t0) - (points_[j].mjdUtc - t0)) /
                      ((points_[i].mjdUtc - t0) - (points_[j].mjdUtc - t0));
        }
        const auto u = toUnitVector({points_[i].raDeg, points_[i].decDeg});
        for (int k = 0; k < 3; ++k)
            sum[static_cast<std::size_t>(k)] += weight * u[static_cast<std::size_t>(k)];
    }
    return fromVector(sum);
}

std::string Ephemeris::description() const {
    return "ephemeris " + sourceName_ + (targetName_.empty() ? "" : " for " + targetName_) + " (" +
           std::to_string(points_.size()) + " rows, " + AstroTime::mjdToIso(startMjd(), 0) + " to " +
           AstroTime::mjdToIso(endMjd(), 0) + " UTC)";
}

}  // namespace skyweave::track
