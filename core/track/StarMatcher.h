#pragma once

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "common/FrameTransform.h"
#include "track/StarDetector.h"

namespace skyweave::track {

struct StarMatchParams {
    int triangleStars = 30;            ///< brightest stars of each list that form triangles
    double invariantTolerance = 0.01;  ///< max difference of the side-ratio invariants
    double minTriangleSidePx = 25.0;   ///< smaller triangles are dominated by centroid noise
    double matchRadiusPx = 3.0;   ///< a star pair farther apart than this under the transform is no match
    bool allowScale = true;       ///< fit a uniform scale as well (focal length change, other binning no)
    double maxScaleChange = 0.1;  ///< hypotheses with |scale − 1| above this are discarded
    int minMatches = 6;           ///< fewer matched stars = failure
};

struct StarMatchResult {
    bool success = false;
    std::string failure;       ///< why, when !success ("only 3 stars agree …")
    FrameTransform transform;  ///< reference pixel → frame pixel
    int matchedStars = 0;
    double rmsPx = 0.0;                      ///< residual of the fit over the matched pairs
    std::vector<std::pair<int, int>> pairs;  ///< (reference index, frame index) of matched stars
};

/**
 * @brief Matches two star lists and fits the frame's geometry relative to the reference.
 *
 * Triangles from the brightest stars of each list are compared by their scale- and
 * rotation-free side ratios (Groth 1986; Valdes et al. 1995). Every pair of similar triangles
 * with the same handedness proposes a similarity transform; the one most other stars agree
 * with wins (a RANSAC whose samples are triangle matches rather than random triples), then a
 * least-squares refit over all mutually nearest pairs, tightening the radius to 3× the
 * residual, removes the remaining outliers. Mirror images are not matched (a meridian flip is
 * a 180° rotation, which is). Robust to well over 30 % spurious or missing stars.
 */
class StarMatcher {
public:
    [[nodiscard]] static StarMatchResult match(std::span<const DetectedStar> reference,
                                               std::span<const DetectedStar> frame,
                                               const StarMatchParams& params = {});
};

}  // namespace skyweave::track
