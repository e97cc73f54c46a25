#pragma once

#include <vector>

#include "stack/CombineSettings.h"

namespace skyweave {

/// Outcome for one output pixel.
struct PixelResult {
    float value = 0.0f;    ///< NaN when no value survived
    int covered = 0;       ///< non-NaN inputs (coverage)
    int rejectedLow = 0;   ///< values rejected below the centre
    int rejectedHigh = 0;  ///< values rejected above the centre
};

/// Per-thread work space for combinePixel(); reused across pixels so the kernel never allocates.
struct KernelScratch {
    std::vector<float> work;
    std::vector<float> weights;
    std::vector<double> deviations;  ///< |v − centre| in double, as numpy/astropy compute them
    void reserve(int n) {
        work.resize(static_cast<std::size_t>(n));
        weights.resize(static_cast<std::size_t>(n));
        deviations.resize(static_cast<std::size_t>(n));
    }
};

/**
 * @brief Combines the N values of one pixel (pure; deterministic; frame order matters only for rounding).
 *
 * `values` (length n) is modified: NaN are removed first and rejected values dropped, keeping
 * the original order of survivors so averages and sums always add in frame order (hence
 * bit-identical results whatever the strip layout). `weights` (length n, or nullptr) apply to
 * Average and Sum only. Median of an even count is the mean of the two middle values.
 */
PixelResult combinePixel(float* values, const float* weights, int n, const CombineSettings& settings,
                         KernelScratch& scratch);

/// Median of v[0..n) (reorders v); NaN-free input; even n → mean of the two middle values.
float medianInPlace(float* v, int n);

/// Median of v[0..n) in double, unrounded (even n: (a + b)·0.5, exact for floats); reorders v.
double medianExact(float* v, int n);
/// Median of doubles (even n: (a + b)·0.5); reorders v.
double medianExact(double* v, int n);

/// The k-th smallest (0-based) of v[0..n), reordering v; for small n uses a branch-free rank count.
float selectKth(float* v, int n, int k);

}  // namespace skyweave
