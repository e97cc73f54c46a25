#include "stack/LaneKernel.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <new>
#include <limits>

namespace skyweave {
namespace {

constexpr double kMadToSigma = 1.482602218505602;  // must equal CombineKernel.cpp's constant
constexpr std::size_t kAlignment = 64;  // one cache line; what SortingNetwork::apply expects
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

float midpoint(float a, float b) { return static_cast<float>((static_cast<double>(a) + b) * 0.5); }

/// medianExact() of the sorted range s[lo, hi).
double sortedMedian(const float* s, int lo, int hi) {
    const int m = hi - lo;
    if (m == 1) return s[lo];
    const int k = lo + m / 2;
    return (m % 2) ? s[k] : (static_cast<double>(s[k - 1]) + s[k]) * 0.5;
}

/// medianExact() of the deviations |s[i] − centre| (double) over the sorted range s[lo, hi). The
/// deviations form two ascending runs outward from the centre, so the middle ranks come from a
/// binary search for how many of the smallest deviations lie left of the centre (O(log n), no
/// data-dependent walk: that walk was the hot spot).
double sortedMedianDeviation(const float* s, int lo, int hi, double centre) {
    const int m = hi - lo;
    if (m == 1) return std::fabs(s[lo] - centre);
    const int split = static_cast<int>(std::partition_point(s + lo, s + hi, [&](float v) { return static_cast<double>(v) < centre; }) - s);
    const int nLeft = split - lo, nRight = hi - split;
    auto left = [&](int j) { return centre - s[split - 1 - j]; };  // ascending in j, exact in double
    auto right = [&](int j) { return s[split + j] - centre; };
    const int k1 = m / 2;
    const int take = (m % 2) ? k1 + 1 : k1;  // the smallest `take` deviations end at rank take − 1
    int a = std::max(0, take - nRight), b = std::min(take, nLeft);
    while (a < b) {  // a = how many of them come from the left run
        const int i = (a + b) / 2;
        if (left(i) < right(take - i - 1)) a = i + 1;
        else b = i;
    }
    const int j = take - a;
    constexpr double kInf = std::numeric_limits<double>::infinity();
    const double last = std::max(a > 0 ? left(a - 1) : -kInf, j > 0 ? right(j - 1) : -kInf);
    if (m % 2) return last;
    const double next = std::min(a < nLeft ? left(a) : kInf, j < nRight ? right(j) : kInf);
    return (last + next) * 0.5;
}

/// Per lane, the frame-order sum (and weight sum) of the values within [minKept, maxKept] —
/// exactly the additions combinePixel() makes; adding +0.0 for a dropped value changes nothing.
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
void sumKept(const float* rows, int n, const float* weights, const float* minKept, const float* maxKept, double* sum,
             double* weightSum) {
    constexpr int kL = LaneKernel::kLanes;
    for (int l = 0; l < kL; ++l) sum[l] = 0.0, weightSum[l] = 0.0;
    for (int f = 0; f < n; ++f) {
        const float* row = rows + static_cast<std::size_t>(f) * kL;
        const double w = weights ? weights[f] : 1.0;
        for (int l = 0; l < kL; ++l) {
            const bool keep = row[l] >= minKept[l] && row[l] <= maxKept[l];
            const double v = weights ? w * row[l] : static_cast<double>(row[l]);
            sum[l] += keep ? v : 0.0;
            weightSum[l] += keep ? w : 0.0;
        }
    }
}

}  // namespace

bool LaneKernel::supports(const CombineSettings& s) {
    const auto& r = s.rejection;
    if (r.method == RejectionMethod::None) return s.method == CombineMethod::Median;
    return r.method == RejectionMethod::Sigma && r.centre == ClipCentre::Median && r.spread == ClipSpread::Mad &&
           (s.method == CombineMethod::Average || s.method == CombineMethod::Sum || s.method == CombineMethod::Median);
}

LaneKernel::LaneKernel(int frameCount, const CombineSettings& settings)
    : n_(frameCount),
      settings_(settings),
      clip_(settings.rejection.method == RejectionMethod::Sigma),
      network_(clip_ ? SortingNetwork::sorter(frameCount)
                     : SortingNetwork::selector(frameCount, frameCount % 2 ? frameCount / 2 : frameCount / 2 - 1, frameCount / 2)),
      sorted_(static_cast<float*>(std::aligned_alloc(kAlignment, static_cast<std::size_t>(frameCount) * kLanes * sizeof(float)))),
      original_(static_cast<float*>(std::aligned_alloc(kAlignment, static_cast<std::size_t>(frameCount) * kLanes * sizeof(float)))),
      column_(static_cast<std::size_t>(frameCount)) {
    if (!sorted_ || !original_) throw std::bad_alloc();
}

void LaneKernel::AlignedFree::operator()(float* p) const noexcept { std::free(p); }

std::uint32_t LaneKernel::combine(const float* src, std::size_t frameStride, int lanes, const float* weights, PixelResult* out) {
    std::uint32_t nanMask = 0;
    for (int f = 0; f < n_; ++f) {
        const float* row = src + f * frameStride;
        float* dst = sorted_.get() + static_cast<std::size_t>(f) * kLanes;
        for (int l = 0; l < lanes; ++l) {
            dst[l] = row[l];
            if (std::isnan(row[l])) nanMask |= 1u << l;
        }
        for (int l = lanes; l < kLanes; ++l) dst[l] = 0.0f;
    }
    // Frame order is needed again for averages: keep a contiguous copy (the strip rows are far apart).
    if (clip_ && settings_.method != CombineMethod::Median)
        std::copy(sorted_.get(), sorted_.get() + static_cast<std::size_t>(n_) * kLanes, original_.get());
    network_.apply(sorted_.get());
    alignas(64) float minKept[kLanes], maxKept[kLanes];
    for (int l = 0; l < kLanes; ++l) {
        minKept[l] = std::numeric_limits<float>::infinity(), maxKept[l] = -std::numeric_limits<float>::infinity();
        if (l >= lanes || (nanMask & (1u << l))) continue;
        out[l] = finishLane(l, minKept[l], maxKept[l]);
    }
    if (clip_ && settings_.method != CombineMethod::Median) {
        alignas(64) double sum[kLanes], weightSum[kLanes];
        sumKept(original_.get(), n_, weights, minKept, maxKept, sum, weightSum);
        for (int l = 0; l < lanes; ++l) {
            if (nanMask & (1u << l)) continue;
            const double count = n_ - out[l].rejectedLow - out[l].rejectedHigh;
            if (count <= 0.0) continue;  // nothing survived: stays NaN
            const double ws = weights ? weightSum[l] : count;
            if (settings_.method == CombineMethod::Sum) out[l].value = static_cast<float>(sum[l]);
            else out[l].value = ws > 0.0 ? static_cast<float>(sum[l] / ws) : kNaN;
        }
    }
    return nanMask;
}

PixelResult LaneKernel::finishLane(int lane, float& minKept, float& maxKept) {
    PixelResult r;
    r.covered = n_;
    if (!clip_) {  // median only: the selector placed the middle ranks
        const int k = n_ / 2;
        const float hi = sorted_[static_cast<std::size_t>(k) * kLanes + lane];
        r.value = (n_ % 2) ? hi : midpoint(sorted_[static_cast<std::size_t>(k - 1) * kLanes + lane], hi);
        return r;
    }
    float* s = column_.data();
    for (int f = 0; f < n_; ++f) s[f] = sorted_[static_cast<std::size_t>(f) * kLanes + lane];
    const auto& p = settings_.rejection;
    int lo = 0, hi = n_;
    // Same passes, same arithmetic as sigmaClip() in CombineKernel.cpp, on the sorted survivors.
    for (int iter = 0; iter < p.maxIterations && hi - lo > 1; ++iter) {
        const double centre = sortedMedian(s, lo, hi);
        const double spread = kMadToSigma * sortedMedianDeviation(s, lo, hi, centre);
        const double low = centre - p.sigmaLow * spread, high = centre + p.sigmaHigh * spread;
        const int before = hi - lo;
        while (lo < hi && static_cast<double>(s[lo]) < low) ++lo;
        while (hi > lo && static_cast<double>(s[hi - 1]) > high) --hi;
        if (hi - lo == before) break;
    }
    r.rejectedLow = lo;
    r.rejectedHigh = n_ - hi;
    r.value = kNaN;  // averages and sums are filled in by sumKept()
    if (hi == lo) return r;
    if (settings_.method == CombineMethod::Median) {
        r.value = static_cast<float>(sortedMedian(s, lo, hi));  // = medianInPlace(): one rounding of the exact midpoint
        return r;
    }
    // Survivors are exactly the values in [s[lo], s[hi−1]] (rejection is by value).
    minKept = s[lo], maxKept = s[hi - 1];
    return r;
}

}  // namespace skyweave
