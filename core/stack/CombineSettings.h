#pragma once

#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace skyweave {

/// How the surviving values of one pixel are combined.
enum class CombineMethod { Average, Median, Sum, Min, Max };
/// Which values of one pixel are rejected before combining.
enum class RejectionMethod { None, Sigma, Winsorized, MinMax, Range };
/// Centre of the sigma-clipping distribution.
enum class ClipCentre { Median, Mean };
/// Spread of the sigma-clipping distribution: 1.4826·MAD (robust, astropy mad_std) or the standard deviation.
enum class ClipSpread { Mad, StdDev };

/**
 * @brief Rejection parameters (see core/stack/README.md for the exact rules).
 *
 * Sigma/winsorized: reject v < c − sigmaLow·s or v > c + sigmaHigh·s, re-estimating c and s on
 * the survivors until nothing changes or maxIterations passes ran. MinMax: drop the `dropLow`
 * lowest and `dropHigh` highest values. Range: drop values outside [rangeLow, rangeHigh].
 */
struct RejectionParams {
    RejectionMethod method = RejectionMethod::None;
    double sigmaLow = 3.0;
    double sigmaHigh = 3.0;
    int maxIterations = 10;
    ClipCentre centre = ClipCentre::Median;
    ClipSpread spread = ClipSpread::Mad;
    int dropLow = 1;
    int dropHigh = 1;
    double rangeLow = -std::numeric_limits<double>::infinity();
    double rangeHigh = std::numeric_limits<double>::infinity();
};

/// What a per-pixel combine needs: the method, the rejection and whether weights apply.
struct CombineSettings {
    CombineMethod method = CombineMethod::Average;
    RejectionParams rejection;
};

std::string_view combineMethodName(CombineMethod m);
std::string_view rejectionMethodName(RejectionMethod m);
std::optional<CombineMethod> parseCombineMethod(std::string_view text);
std::optional<RejectionMethod> parseRejectionMethod(std::string_view text);

}  // namespace skyweave
