#pragma once

#include <array>

namespace skyweave::track {

/// An ICRS/J2000 direction in degrees (RA in [0, 360), Dec in [−90, 90]).
struct SkyPosition {
    double raDeg = 0.0;
    double decDeg = 0.0;
};

/// Unit vector (x towards RA 0, z towards the north pole).
[[nodiscard]] std::array<double, 3> toUnitVector(const SkyPosition& p);
/// Direction of a (not necessarily unit) vector; RA normalised to [0, 360).
[[nodiscard]] SkyPosition fromVector(const std::array<double, 3>& v);
/// Great-circle distance in arcseconds.
[[nodiscard]] double separationArcsec(const SkyPosition& a, const SkyPosition& b);

/**
 * @brief Moves `origin` by a tangent-plane offset (gnomonic, standard coordinates).
 * @param eastArcsec offset towards increasing RA (i.e. ΔRA·cosδ for small offsets)
 * @param northArcsec offset towards the north pole
 * Exact for any offset size: the point is the gnomonic de-projection of (ξ, η) about `origin`.
 */
[[nodiscard]] SkyPosition offsetTangentPlane(const SkyPosition& origin, double eastArcsec, double northArcsec);

/// Wraps an angle in degrees to [0, 360).
[[nodiscard]] double wrapDegrees360(double deg);

}  // namespace skyweave::track
