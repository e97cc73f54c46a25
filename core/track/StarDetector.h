#pragma once

#include <vector>

namespace cv {
class Mat;
}

namespace skyweave::track {

/// One detected star; positions are 0-based pixel centres.
struct DetectedStar {
    double x = 0.0;
    double y = 0.0;
    double flux = 0.0;   ///< background-subtracted total, in image units
    double peak = 0.0;   ///< background-subtracted brightest pixel
    double fwhmPx = 0.0; ///< Gaussian-equivalent FWHM from adaptive second moments
};

struct StarDetectionParams {
    double thresholdSigma = 5.0;  ///< detection threshold on the smoothed image, in its noise σ
    int maxStars = 300;           ///< keep the brightest this many
    int borderPx = 6;             ///< ignore peaks this close to the edge (partial profiles)
    int backgroundCellPx = 64;    ///< background mesh cell size
    double minFwhmPx = 1.0;       ///< sharper peaks are hot pixels or cosmic rays
    double maxFwhmPx = 25.0;      ///< broader blobs are galaxies, nebulae or gradients
    double maxEllipticity = 0.6;  ///< (a²−b²)/(a²+b²) of the moments; above it: streaks, not stars
};

struct StarDetectionResult {
    std::vector<DetectedStar> stars;  ///< brightest first
    double backgroundLevel = 0.0;     ///< median of the background mesh
    double noiseSigma = 0.0;          ///< per-pixel noise (1.4826·MAD, clipped)
};

/**
 * @brief Finds stars in a single-channel image (any depth; converted to float).
 *
 * Steps: a coarse background mesh (clipped median per cell, bilinearly interpolated) and a
 * robust noise σ; a Gaussian-smoothed copy whose local maxima above k·σ are candidates; for each
 * candidate, adaptive Gaussian-weighted moments (the weight's width iterates to the star's own
 * σ) give a centroid unbiased by the pixel grid, the FWHM and the flux. NaN pixels (blank or
 * uncovered) count as background. Pure function; memory ≈ 3 float copies of the image.
 */
class StarDetector {
public:
    [[nodiscard]] static StarDetectionResult detect(const cv::Mat& image, const StarDetectionParams& params = {});
};

}  // namespace skyweave::track
