#pragma once

namespace skyweave::sample {

/// A sky position in degrees (ICRS).
struct SkyPosition {
    double raDeg = 0.0;
    double decDeg = 0.0;
};

/// A position in pixels, 0-based (the centre of the first pixel is 0,0 — OpenCV and astropy origin 0).
struct PixelPosition {
    double x = 0.0;
    double y = 0.0;
};

/**
 * @brief The gnomonic (TAN) world coordinate system of one synthetic frame: CRPIX, CRVAL and CD.
 *
 * Only what the sample generator needs to place stars and the asteroid consistently with the
 * header it writes; reading real WCS (with SIP and other projections) belongs to wcslib.
 * Formulas: Calabretta & Greisen 2002, A&A 395, 1077 (TAN with the default LONPOLE = 180°).
 */
struct TanProjection {
    double crpix1 = 1.0;  ///< reference pixel, FITS 1-based
    double crpix2 = 1.0;
    double crval1 = 0.0;  ///< RA of the reference pixel, degrees
    double crval2 = 0.0;  ///< Dec of the reference pixel, degrees
    double cd11 = -1.0 / 3600.0;  ///< degrees per pixel; CD1_1 < 0 puts east to the left
    double cd12 = 0.0;
    double cd21 = 0.0;
    double cd22 = 1.0 / 3600.0;

    /// 0-based pixel → sky.
    [[nodiscard]] SkyPosition pixelToWorld(PixelPosition pixel) const;
    /// Sky → 0-based pixel. The position must lie in the hemisphere facing CRVAL.
    [[nodiscard]] PixelPosition worldToPixel(SkyPosition sky) const;
};

/// A TAN projection with square pixels of `scaleArcsec`, north rotated `rotationDeg` from +y, east left.
TanProjection makeTanProjection(SkyPosition centre, PixelPosition centrePixel, double scaleArcsec,
                                double rotationDeg);

}  // namespace skyweave::sample
