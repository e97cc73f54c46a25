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

/// medianExact() of the deviations |s[i] − centre| (double) over the sorted range s[lo, hi): the
/// deviations grow outward from the centre, so the middle ones come from merging two runs.
double sortedMedianDeviation(const float* s, int lo, int hi, double centre) {
    const int m = hi - lo;
    auto dev = [&](int i) { return std::fabs(s[i] - centre); };
    if (m == 1) return dev(lo);
    const int right0 = static_cast<int>(std::partition_point(s + lo, s + hi, [&](float v) { return static_cast<double>(v) < centre; }) - s);
    int right = right0;
    int left = right0 - 1;
    const int k1 = m / 2, k0 = (m % 2) ? k1 : k1 - 1;
    double d0 = 0.0, d1 = 0.0;
    for (int rank = 0; rank <= k1; ++rank) {
        double d;
        if (left >= lo && (right >= hi || dev(left) <= dev(right))) d = dev(left--);
        else d = dev(right++);
        if (rank == k0) d0 = d;
        if (rank == k1) d1 = d;
    }
    return (m % 2) ? d1 : (d0 + d1) * 0.5;
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
      column_(static_cast<std::size_t>(frameCount)) {
    if (!sorted_) throw std::bad_alloc();
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
    network_.apply(sorted_.get());
    for (int l = 0; l < lanes; ++l)
        if (!(nanMask & (1u << l))) out[l] = finishLane(src, frameStride, l, weights);
    return nanMask;
}

PixelResult LaneKernel::finishLane(const float* src, std::size_t frameStride, int lane, const float* weights) {
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
    if (hi == lo) {
        r.value = kNaN;
        return r;
    }
    if (settings_.method == CombineMethod::Median) {
        r.value = static_cast<float>(sortedMedian(s, lo, hi));  // = medianInPlace(): one rounding of the exact midpoint
        return r;
    }
    // Survivors are exactly the values in [s[lo], s[hi−1]]; add them in frame order like combinePixel().
    const float minKept = s[lo], maxKept = s[hi - 1];
    double sum = 0.0, weightSum = 0.0;
    for (int f = 0; f < n_; ++f) {
        const float v = src[f * frameStride + lane];
        if (v < minKept || v > maxKept) continue;
        if (weights) sum += static_cast<double>(weights[f]) * v, weightSum += weights[f];
        else sum += v;
    }
    if (!weights) weightSum = hi - lo;
    if (settings_.method == CombineMethod::Sum) r.value = static_cast<float>(sum);
    else r.value = weightSum > 0.0 ? static_cast<float>(sum / weightSum) : kNaN;
    return r;
}

}  // namespace skyweave
