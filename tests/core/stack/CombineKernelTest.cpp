#include "stack/CombineKernel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using namespace skyweave;

namespace {

const float kNaN = std::nanf("");

PixelResult run(std::vector<float> v, CombineMethod method, RejectionParams rej = {}, const std::vector<float>& w = {}) {
    KernelScratch scratch;
    CombineSettings s{method, rej};
    return combinePixel(v.data(), w.empty() ? nullptr : w.data(), static_cast<int>(v.size()), s, scratch);
}

RejectionParams sigma(double lo, double hi, int iterations, ClipSpread spread = ClipSpread::Mad,
                      ClipCentre centre = ClipCentre::Median) {
    RejectionParams p;
    p.method = RejectionMethod::Sigma;
    p.sigmaLow = lo, p.sigmaHigh = hi, p.maxIterations = iterations, p.spread = spread, p.centre = centre;
    return p;
}

}  // namespace

TEST(CombineKernel, BasicMethodsIgnoreNaN) {
    const std::vector<float> v{4, kNaN, 1, 3, 2, kNaN};
    EXPECT_FLOAT_EQ(run(v, CombineMethod::Average).value, 2.5f);
    EXPECT_FLOAT_EQ(run(v, CombineMethod::Median).value, 2.5f);  // even: mean of 2 and 3
    EXPECT_FLOAT_EQ(run(v, CombineMethod::Sum).value, 10.0f);
    EXPECT_FLOAT_EQ(run(v, CombineMethod::Min).value, 1.0f);
    EXPECT_FLOAT_EQ(run(v, CombineMethod::Max).value, 4.0f);
    EXPECT_EQ(run(v, CombineMethod::Sum).covered, 4);
    EXPECT_FLOAT_EQ(run({5, 1, 9}, CombineMethod::Median).value, 5.0f);
    EXPECT_TRUE(std::isnan(run({kNaN, kNaN}, CombineMethod::Median).value));
    EXPECT_EQ(run({kNaN, kNaN}, CombineMethod::Median).covered, 0);
}

TEST(CombineKernel, WeightedAverageAndSum) {
    // (1·1 + 2·3 + 3·0.5) / (1 + 2 + 0.5) = 8.5 / 3.5
    EXPECT_FLOAT_EQ(run({1, 3, 0.5f}, CombineMethod::Average, {}, {1, 2, 3}).value, 1.0f * (1 + 6 + 1.5f) / 6);
    EXPECT_FLOAT_EQ(run({1, 2, 3}, CombineMethod::Average, {}, {1, 2, 0.5f}).value, 6.5f / 3.5f);
    EXPECT_FLOAT_EQ(run({1, 2, 3}, CombineMethod::Sum, {}, {1, 2, 0.5f}).value, 6.5f);
    // The weight of a NaN value is dropped with it.
    EXPECT_FLOAT_EQ(run({1, kNaN, 3}, CombineMethod::Average, {}, {1, 100, 3}).value, 10.0f / 4.0f);
}

TEST(CombineKernel, SigmaClipMadHandValues) {
    // values 10,11,12,13,100: median 12; |dev| = 2,1,0,1,88 → MAD 1 → σ = 1.4826;
    // 12 ± 3σ = [7.55, 16.45] rejects 100 (high). Second pass: 10..13 median 11.5, MAD 1 → keeps all.
    const auto r = run({10, 11, 12, 13, 100}, CombineMethod::Average, sigma(3, 3, 10));
    EXPECT_FLOAT_EQ(r.value, 11.5f);
    EXPECT_EQ(r.rejectedHigh, 1);
    EXPECT_EQ(r.rejectedLow, 0);
    EXPECT_EQ(r.covered, 5);
}

TEST(CombineKernel, SigmaClipLowThresholdAndIterations) {
    // -50 with 1 iteration: median 12, MAD (|−62|,2,1,0,1 → sorted 0,1,1,2,62) = 1 → rejects −50 (low).
    auto r = run({-50, 10, 11, 12, 13}, CombineMethod::Median, sigma(3, 3, 1));
    EXPECT_EQ(r.rejectedLow, 1);
    EXPECT_FLOAT_EQ(r.value, 11.5f);
    // With a very loose low threshold nothing goes.
    r = run({-50, 10, 11, 12, 13}, CombineMethod::Median, sigma(100, 3, 1));
    EXPECT_EQ(r.rejectedLow, 0);
    EXPECT_FLOAT_EQ(r.value, 11.0f);
}

TEST(CombineKernel, SigmaClipMeanStd) {
    // 1,2,3,4,100: mean 22, σ(pop) = sqrt(((21²+20²+19²+18²+78²)/5)) = 31.0 → 22 ± 1·31 = [−9, 53] drops 100.
    const auto r = run({1, 2, 3, 4, 100}, CombineMethod::Average, sigma(1, 1, 1, ClipSpread::StdDev, ClipCentre::Mean));
    EXPECT_EQ(r.rejectedHigh, 1);
    EXPECT_FLOAT_EQ(r.value, 2.5f);
}

TEST(CombineKernel, MinMaxDropsExtremesWithTies) {
    RejectionParams p;
    p.method = RejectionMethod::MinMax;
    p.dropLow = 1, p.dropHigh = 2;
    // sorted 1,1,5,7,9,9 → drop one 1 and both 9 → 1,5,7 → mean 13/3
    const auto r = run({9, 1, 5, 1, 9, 7}, CombineMethod::Average, p);
    EXPECT_FLOAT_EQ(r.value, 13.0f / 3.0f);
    EXPECT_EQ(r.rejectedLow, 1);
    EXPECT_EQ(r.rejectedHigh, 2);
    // Too few values: one survives.
    EXPECT_EQ(run({3, 4}, CombineMethod::Average, p).covered, 2);
    EXPECT_FALSE(std::isnan(run({3, 4}, CombineMethod::Average, p).value));
}

TEST(CombineKernel, RangeRejection) {
    RejectionParams p;
    p.method = RejectionMethod::Range;
    p.rangeLow = 0, p.rangeHigh = 60000;
    const auto r = run({-5, 100, 200, 65535}, CombineMethod::Average, p);
    EXPECT_FLOAT_EQ(r.value, 150.0f);
    EXPECT_EQ(r.rejectedLow, 1);
    EXPECT_EQ(r.rejectedHigh, 1);
}

TEST(CombineKernel, WinsorizedRejectsOutlierKeepsCore) {
    RejectionParams p;
    p.method = RejectionMethod::Winsorized;
    const auto r = run({10, 11, 12, 13, 11, 12, 500}, CombineMethod::Average, p);
    EXPECT_EQ(r.rejectedHigh, 1);
    EXPECT_FLOAT_EQ(r.value, 69.0f / 6.0f);
}

TEST(CombineKernel, SelectionMatchesSortForManySizes) {
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> coarse(0, 20);  // many ties
    std::normal_distribution<float> fine(0, 1);
    for (int n = 1; n <= 300; n += (n < 70 ? 1 : 37)) {
        for (int trial = 0; trial < 5; ++trial) {
            std::vector<float> v(n);
            for (auto& x : v) x = trial % 2 ? static_cast<float>(coarse(rng)) : fine(rng);
            auto sorted = v;
            std::sort(sorted.begin(), sorted.end());
            const float expected = n % 2 ? sorted[n / 2] : static_cast<float>((double(sorted[n / 2 - 1]) + sorted[n / 2]) / 2);
            auto copy = v;
            EXPECT_EQ(medianInPlace(copy.data(), n), expected) << n;
            copy = v;
            EXPECT_EQ(selectKth(copy.data(), n, n - 1), sorted.back()) << n;
        }
    }
}
