#include "track/SkyPosition.h"

#include <cmath>
#include <numbers>

namespace skyweave::track {
namespace {
constexpr double kDegToRad = std::numbers::pi / 180.0;
constexpr double kArcsecToRad = kDegToRad / 3600.0;
}  // namespace

std::array<double, 3> toUnitVector(const SkyPosition& p) {
    const double ra = p.raDeg * kDegToRad, dec = p.decDeg * kDegToRad;
    return {std::cos(dec) * std::cos(ra), std::cos(dec) * std::sin(ra), std::sin(dec)};
}

SkyPosition fromVector(const std::array<double, 3>& v) {
    const double rxy = std::hypot(v[0], v[1]);
    return {wrapDegrees360(std::atan2(v[1], v[0]) / kDegToRad), std::atan2(v[2], rxy) / kDegToRad};
}

double separationArcsec(const SkyPosition& a, const SkyPosition& b) {
    // atan2 of cross and dot products: accurate at tiny and large separations alike.
    const auto u = toUnitVector(a), w = toUnitVector(b);
    const std::array<double, 3> c{u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]};
    const double dot = u[0] * w[0] + u[1] * w[1] + u[2] * w[2];
    return std::atan2(std::sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]), dot) / kArcsecToRad;
}

SkyPosition offsetTangentPlane(const SkyPosition& origin, double eastArcsec, double northArcsec) {
    const double ra0 = origin.raDeg * kDegToRad, dec0 = origin.decDeg * kDegToRad;
    const double xi = eastArcsec * kArcsecToRad, eta = northArcsec * kArcsecToRad;
    // Point = centre + ξ·east + η·north in 3-D, which is the gnomonic inverse once normalised.
    const std::array<double, 3> centre{std::cos(dec0) * std::cos(ra0), std::cos(dec0) * std::sin(ra0), std::sin(dec0)};
    const std::array<double, 3> east{-std::sin(ra0), std::cos(ra0), 0.0};
    const std::array<double, 3> north{-std::sin(dec0) * std::cos(ra0), -std::sin(dec0) * std::sin(ra0), std::cos(dec0)};
    return fromVector({centre[0] + xi * east[0] + eta * north[0], centre[1] + xi * east[1] + eta * north[1],
                       centre[2] + xi * east[2] + eta * north[2]});
}

double wrapDegrees360(double deg) {
    double r = std::fmod(deg, 360.0);
    if (r < 0.0) r += 360.0;
    if (r >= 360.0) r -= 360.0;  // fmod of a tiny negative can round up to 360
    return r;
}

}  // namespace skyweave::track
