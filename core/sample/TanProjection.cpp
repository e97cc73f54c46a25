#include "sample/TanProjection.h"

#include <cmath>
#include <numbers>

namespace skyweave::sample {

namespace {
constexpr double kDegToRad = std::numbers::pi / 180.0;
constexpr double kRadToDeg = 180.0 / std::numbers::pi;
}  // namespace

SkyPosition TanProjection::pixelToWorld(PixelPosition pixel) const {
    // Intermediate world coordinates (degrees) from the 1-based pixel offset.
    const double dx = pixel.x + 1.0 - crpix1;
    const double dy = pixel.y + 1.0 - crpix2;
    const double xi = (cd11 * dx + cd12 * dy) * kDegToRad;
    const double eta = (cd21 * dx + cd22 * dy) * kDegToRad;
    const double ra0 = crval1 * kDegToRad;
    const double dec0 = crval2 * kDegToRad;
    const double denominator = std::cos(dec0) - eta * std::sin(dec0);
    double ra = (ra0 + std::atan2(xi, denominator)) * kRadToDeg;
    const double dec = std::atan2(std::sin(dec0) + eta * std::cos(dec0), std::hypot(xi, denominator)) * kRadToDeg;
    ra = std::fmod(ra, 360.0);
    if (ra < 0.0) ra += 360.0;
    return {ra, dec};
}

PixelPosition TanProjection::worldToPixel(SkyPosition sky) const {
    const double ra = sky.raDeg * kDegToRad;
    const double dec = sky.decDeg * kDegToRad;
    const double ra0 = crval1 * kDegToRad;
    const double dec0 = crval2 * kDegToRad;
    const double dRa = ra - ra0;
    const double cosC = std::sin(dec0) * std::sin(dec) + std::cos(dec0) * std::cos(dec) * std::cos(dRa);
    const double xi = std::cos(dec) * std::sin(dRa) / cosC * kRadToDeg;
    const double eta =
        (std::cos(dec0) * std::sin(dec) - std::sin(dec0) * std::cos(dec) * std::cos(dRa)) / cosC * kRadToDeg;
    // Invert the CD matrix.
    const double det = cd11 * cd22 - cd12 * cd21;
    const double dx = (cd22 * xi - cd12 * eta) / det;
    const double dy = (-cd21 * xi + cd11 * eta) / det;
    return {dx + crpix1 - 1.0, dy + crpix2 - 1.0};
}

TanProjection makeTanProjection(SkyPosition centre, PixelPosition centrePixel, double scaleArcsec,
                                double rotationDeg) {
    const double scaleDeg = scaleArcsec / 3600.0;
    const double c = std::cos(rotationDeg * kDegToRad);
    const double s = std::sin(rotationDeg * kDegToRad);
    TanProjection tan;
    tan.crpix1 = centrePixel.x + 1.0;
    tan.crpix2 = centrePixel.y + 1.0;
    tan.crval1 = centre.raDeg;
    tan.crval2 = centre.decDeg;
    tan.cd11 = -scaleDeg * c;
    tan.cd12 = scaleDeg * s;
    tan.cd21 = scaleDeg * s;
    tan.cd22 = scaleDeg * c;
    return tan;
}

}  // namespace skyweave::sample
