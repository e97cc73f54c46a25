#pragma once

#include <array>
#include <memory>
#include <string>

#include "track/SkyPosition.h"

namespace skyweave::fits {
class HeaderCards;
}  // namespace skyweave::fits

namespace skyweave::track {

/**
 * @brief A frame's celestial World Coordinate System, parsed and evaluated by wcslib.
 *
 * Pixel coordinates here are 0-based pixel centres (pixel (0,0) is FITS pixel (1,1)), the same
 * convention as FrameTransform and cv::Mat. Anything wcslib understands works: TAN, SIN, ZEA…,
 * CD or PC+CDELT or CROTA, and SIP/TPV distortions (CTYPE "RA---TAN-SIP" with A_p_q/B_p_q and,
 * when present, AP_p_q/BP_p_q for the inverse; without them wcslib inverts iteratively).
 *
 * Move-only; owns the wcsprm. The conversion calls lock an internal mutex because wcslib's
 * distortion code uses scratch memory inside the struct, so a Wcs may be shared by threads.
 */
class Wcs {
public:
    /// Parses the primary (non-alternate) celestial WCS; throws SkyweaveError(BadInput) naming `source`
    /// when the header has no WCS, or one that is not celestial or cannot be evaluated.
    [[nodiscard]] static Wcs fromHeader(const fits::HeaderCards& header, const std::string& source);

    Wcs(Wcs&&) noexcept;
    Wcs& operator=(Wcs&&) noexcept;
    ~Wcs();

    /// Sky → 0-based pixel; throws SkyweaveError(BadInput) when the position has no pixel (e.g. the
    /// far side of a TAN projection).
    [[nodiscard]] std::array<double, 2> worldToPixel(const SkyPosition& sky) const;
    /// 0-based pixel → sky; throws SkyweaveError(BadInput) when the pixel has no sky position.
    [[nodiscard]] SkyPosition pixelToWorld(double x, double y) const;

    /// Mean pixel scale at (x, y) in arcsec/px (square root of the local Jacobian determinant).
    [[nodiscard]] double pixelScaleArcsec(double x, double y) const;
    /// Projection code of the longitude axis, e.g. "TAN"; "TAN-SIP" style suffixes are not included.
    [[nodiscard]] std::string projectionCode() const;
    /// True when a distortion (SIP, TPV, …) is part of the mapping.
    [[nodiscard]] bool hasDistortion() const;
    [[nodiscard]] const std::string& source() const { return source_; }

private:
    struct Impl;
    Wcs(std::unique_ptr<Impl> impl, std::string source);
    std::unique_ptr<Impl> impl_;
    std::string source_;
};

}  // namespace skyweave::track
