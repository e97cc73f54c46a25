#include "stack/CombineKernel.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace skyweave {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
/// 1 / Φ⁻¹(3/4): turns the median absolute deviation into a Gaussian σ (astropy's mad_std).
constexpr double kMadToSigma = 1.482602218505602;
/// Below this count the O(n²) rank count beats nth_element's mispredicted branches (measured in
/// tests/bench/stack_bench.sh: ~3× at n = 64 with SSE2).
constexpr int kRankSelectMaxN = 96;
/// Winsorized sigma: clamp at centre ± 1.5σ and rescale by 1.134 (Huber's correction), iterate
/// until σ changes by less than 0.05 % (as Siril and PixInsight do).
constexpr double kWinsorClamp = 1.5;
constexpr double kWinsorCorrection = 1.134;
constexpr double kWinsorTolerance = 5e-4;
constexpr int kWinsorMaxSteps = 50;

// Finds the values of rank k0 and k1 (k0 <= k1) by counting, for each candidate, how many
// values are smaller and equal. The inner loops are branch-free and vectorise.
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
void rankSelect(const float* v, int n, int k0, int k1, float& out0, float& out1) {
    bool found0 = false, found1 = false;
    for (int i = 0; i < n && !(found0 && found1); ++i) {
        const float x = v[i];
        int less = 0, equal = 0;
        for (int j = 0; j < n; ++j) {
            less += v[j] < x;
            equal += v[j] == x;
        }
        if (!found0 && less <= k0 && k0 < less + equal) out0 = x, found0 = true;
        if (!found1 && less <= k1 && k1 < less + equal) out1 = x, found1 = true;
    }
}

float midpoint(float a, float b) { return static_cast<float>((static_cast<double>(a) + b) * 0.5); }

/// Keeps v[i] (and w[i]) with lo <= v[i] <= hi in order; counts the rest. Returns the new n.
int keepWithin(float* v, float* w, int n, double lo, double hi, PixelResult& r) {
    int out = 0;
    for (int i = 0; i < n; ++i) {
        const double x = v[i];
        if (x < lo) {
            ++r.rejectedLow;
        } else if (x > hi) {
            ++r.rejectedHigh;
        } else {
            v[out] = v[i];
            if (w) w[out] = w[i];
            ++out;
        }
    }
    return out;
}

void meanAndStd(const float* v, int n, double& mean, double& sd) {
    double sum = 0.0;
    for (int i = 0; i < n; ++i) sum += v[i];
    mean = sum / n;
    double ss = 0.0;
    for (int i = 0; i < n; ++i) ss += (v[i] - mean) * (v[i] - mean);
    sd = std::sqrt(ss / n);  // population σ, as numpy/astropy std (ddof = 0)
}

// Centre and spread in double as astropy's sigma_clip computes them on float64 data (ccdproc's
// default dtype): the median of two middle floats is exact, deviations |v − c| are exact.
int sigmaClip(float* v, float* w, int n, const RejectionParams& p, KernelScratch& scratch, PixelResult& r) {
    float* work = scratch.work.data();
    double* dev = scratch.deviations.data();
    for (int iter = 0; iter < p.maxIterations && n > 1; ++iter) {
        double centre = 0.0, spread = 0.0;
        if (p.centre == ClipCentre::Mean || p.spread == ClipSpread::StdDev) meanAndStd(v, n, centre, spread);
        if (p.centre == ClipCentre::Median) {
            std::copy(v, v + n, work);
            centre = medianExact(work, n);
        }
        if (p.spread == ClipSpread::Mad) {
            for (int i = 0; i < n; ++i) dev[i] = std::fabs(v[i] - centre);
            spread = kMadToSigma * medianExact(dev, n);
        }
        const int before = n;
        n = keepWithin(v, w, n, centre - p.sigmaLow * spread, centre + p.sigmaHigh * spread, r);
        if (n == before) break;
    }
    return n;
}

int winsorizedClip(float* v, float* w, int n, const RejectionParams& p, float* work, PixelResult& r) {
    for (int iter = 0; iter < p.maxIterations && n > 1; ++iter) {
        std::copy(v, v + n, work);
        const double centre = medianExact(work, n);
        double mean = 0.0, sigma = 0.0;
        meanAndStd(v, n, mean, sigma);
        for (int step = 0; step < kWinsorMaxSteps && sigma > 0.0; ++step) {
            const double lo = centre - kWinsorClamp * sigma, hi = centre + kWinsorClamp * sigma;
            for (int i = 0; i < n; ++i) work[i] = static_cast<float>(std::clamp<double>(v[i], lo, hi));
            double wm = 0.0, wsd = 0.0;
            meanAndStd(work, n, wm, wsd);
            const double next = kWinsorCorrection * wsd;
            const bool converged = std::fabs(next - sigma) <= kWinsorTolerance * sigma;
            sigma = next;
            if (converged) break;
        }
        const int before = n;
        n = keepWithin(v, w, n, centre - p.sigmaLow * sigma, centre + p.sigmaHigh * sigma, r);
        if (n == before) break;
    }
    return n;
}

int minMaxClip(float* v, float* w, int n, const RejectionParams& p, float* work, PixelResult& r) {
    int dropLow = std::max(0, p.dropLow), dropHigh = std::max(0, p.dropHigh);
    // Always keep one value: shrink the larger drop first.
    while (dropLow + dropHigh >= n && dropLow + dropHigh > 0) (dropLow >= dropHigh ? dropLow : dropHigh)--;
    if (dropLow + dropHigh == 0) return n;
    std::copy(v, v + n, work);
    std::sort(work, work + n);
    const float lowCut = work[dropLow], highCut = work[n - dropHigh - 1];
    // Values equal to a cut are dropped in frame order until exactly dropLow/dropHigh are gone.
    int lowTies = dropLow - static_cast<int>(std::count_if(v, v + n, [&](float x) { return x < lowCut; }));
    int highTies = dropHigh - static_cast<int>(std::count_if(v, v + n, [&](float x) { return x > highCut; }));
    int out = 0;
    for (int i = 0; i < n; ++i) {
        const float x = v[i];
        bool drop = false;
        if (x < lowCut || (x == lowCut && lowTies > 0 && (lowTies--, true))) {
            drop = true, ++r.rejectedLow;
        } else if (x > highCut || (x == highCut && highTies > 0 && (highTies--, true))) {
            drop = true, ++r.rejectedHigh;
        }
        if (!drop) {
            v[out] = x;
            if (w) w[out] = w[i];
            ++out;
        }
    }
    return out;
}

}  // namespace

float selectKth(float* v, int n, int k) {
    if (n <= kRankSelectMaxN) {
        float a = kNaN, b = kNaN;
        rankSelect(v, n, k, k, a, b);
        return a;
    }
    std::nth_element(v, v + k, v + n);
    return v[k];
}

double medianExact(float* v, int n) {
    if (n <= 0) return std::numeric_limits<double>::quiet_NaN();
    if (n == 1) return v[0];
    const int k = n / 2;
    if (n <= kRankSelectMaxN) {
        float lo = kNaN, hi = kNaN;
        rankSelect(v, n, (n % 2) ? k : k - 1, k, lo, hi);
        return (n % 2) ? hi : (static_cast<double>(lo) + hi) * 0.5;
    }
    std::nth_element(v, v + k, v + n);
    const double hi = v[k];
    return (n % 2) ? hi : (*std::max_element(v, v + k) + hi) * 0.5;
}

double medianExact(double* v, int n) {
    if (n <= 0) return std::numeric_limits<double>::quiet_NaN();
    const int k = n / 2;
    std::nth_element(v, v + k, v + n);
    const double hi = v[k];
    return (n % 2) ? hi : (*std::max_element(v, v + k) + hi) * 0.5;
}

float medianInPlace(float* v, int n) {
    if (n <= 0) return kNaN;
    if (n == 1) return v[0];
    const int k = n / 2;
    if (n <= kRankSelectMaxN) {
        float lo = kNaN, hi = kNaN;
        rankSelect(v, n, (n % 2) ? k : k - 1, k, lo, hi);
        return (n % 2) ? hi : midpoint(lo, hi);
    }
    std::nth_element(v, v + k, v + n);
    const float hi = v[k];
    if (n % 2) return hi;
    return midpoint(*std::max_element(v, v + k), hi);
}

PixelResult combinePixel(float* values, const float* weights, int n, const CombineSettings& settings,
                         KernelScratch& scratch) {
    PixelResult r;
    if (static_cast<int>(scratch.work.size()) < n) scratch.reserve(n);
    float* w = weights ? scratch.weights.data() : nullptr;
    // Drop NaN (not covered / blank), keeping frame order.
    int m = 0;
    for (int i = 0; i < n; ++i) {
        if (std::isnan(values[i])) continue;
        if (w) w[m] = weights[i];
        values[m++] = values[i];
    }
    r.covered = m;
    if (m == 0) {
        r.value = kNaN;
        return r;
    }
    const RejectionParams& rej = settings.rejection;
    switch (rej.method) {
        case RejectionMethod::None: break;
        case RejectionMethod::Sigma: m = sigmaClip(values, w, m, rej, scratch, r); break;
        case RejectionMethod::Winsorized: m = winsorizedClip(values, w, m, rej, scratch.work.data(), r); break;
        case RejectionMethod::MinMax: m = minMaxClip(values, w, m, rej, scratch.work.data(), r); break;
        case RejectionMethod::Range: m = keepWithin(values, w, m, rej.rangeLow, rej.rangeHigh, r); break;
    }
    if (m == 0) {
        r.value = kNaN;
        return r;
    }
    switch (settings.method) {
        case CombineMethod::Average:
        case CombineMethod::Sum: {
            double sum = 0.0, weightSum = 0.0;
            if (w) {
                for (int i = 0; i < m; ++i) sum += static_cast<double>(w[i]) * values[i], weightSum += w[i];
            } else {
                for (int i = 0; i < m; ++i) sum += values[i];
                weightSum = m;
            }
            if (settings.method == CombineMethod::Sum) r.value = static_cast<float>(sum);
            else r.value = weightSum > 0.0 ? static_cast<float>(sum / weightSum) : kNaN;
            break;
        }
        case CombineMethod::Median: r.value = medianInPlace(values, m); break;
        case CombineMethod::Min: r.value = *std::min_element(values, values + m); break;
        case CombineMethod::Max: r.value = *std::max_element(values, values + m); break;
    }
    return r;
}

}  // namespace skyweave
