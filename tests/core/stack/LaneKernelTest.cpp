#include "stack/LaneKernel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>

#include "stack/SortingNetwork.h"

using namespace skyweave;

TEST(SortingNetwork, SortsEveryLaneForManySizes) {
    std::mt19937 rng(11);
    std::uniform_int_distribution<int> d(0, 9);
    for (int n = 1; n <= 130; n += (n < 40 ? 1 : 7)) {
        const auto net = SortingNetwork::sorter(n);
        std::vector<float> v(static_cast<std::size_t>(n) * SortingNetwork::kLanes);
        for (auto& x : v) x = static_cast<float>(d(rng));
        auto expected = v;
        net.apply(v.data());
        for (int l = 0; l < SortingNetwork::kLanes; ++l) {
            std::vector<float> col(n), sortedCol(n);
            for (int f = 0; f < n; ++f) col[f] = expected[f * SortingNetwork::kLanes + l], sortedCol[f] = v[f * SortingNetwork::kLanes + l];
            std::sort(col.begin(), col.end());
            EXPECT_EQ(col, sortedCol) << "n=" << n << " lane " << l;
        }
    }
    // Pruned selector is smaller and still places the middle ranks.
    EXPECT_LT(SortingNetwork::selector(64, 31, 32).comparatorCount(), SortingNetwork::sorter(64).comparatorCount());
}

struct LaneCase {
    CombineMethod method;
    RejectionMethod rejection;
    int iterations;
    bool weighted;
};

class LaneKernelMatchesScalar : public ::testing::TestWithParam<LaneCase> {};

TEST_P(LaneKernelMatchesScalar, BitForBit) {
    const auto c = GetParam();
    CombineSettings s;
    s.method = c.method;
    s.rejection.method = c.rejection;
    s.rejection.maxIterations = c.iterations;
    s.rejection.sigmaLow = 2.5;
    ASSERT_TRUE(LaneKernel::supports(s));
    std::mt19937 rng(5);
    std::normal_distribution<float> noise(100.0f, 3.0f);
    std::uniform_int_distribution<int> coarse(0, 6);
    for (const int n : {2, 3, 4, 7, 16, 31, 64, 65, 100}) {
        const int pixels = 3 * LaneKernel::kLanes + 5;
        std::vector<float> block(static_cast<std::size_t>(n) * pixels);
        for (std::size_t i = 0; i < block.size(); ++i) {
            block[i] = (i / pixels) % 3 == 0 && i % 7 == 0 ? static_cast<float>(coarse(rng)) * 50 : noise(rng);
            if (i % 97 == 0) block[i] = 5000.0f;  // outliers
            if (i % 211 == 0) block[i] = std::nanf("");
        }
        std::vector<float> weights(n);
        for (int f = 0; f < n; ++f) weights[f] = 0.5f + 0.01f * f;
        const float* w = c.weighted ? weights.data() : nullptr;
        LaneKernel lanes(n, s);
        KernelScratch scratch;
        for (int p0 = 0; p0 < pixels; p0 += LaneKernel::kLanes) {
            const int count = std::min(LaneKernel::kLanes, pixels - p0);
            PixelResult out[LaneKernel::kLanes];
            const auto nanMask = lanes.combine(block.data() + p0, pixels, count, w, out);
            for (int l = 0; l < count; ++l) {
                std::vector<float> vals(n);
                bool hasNaN = false;
                for (int f = 0; f < n; ++f) hasNaN |= std::isnan(vals[f] = block[static_cast<std::size_t>(f) * pixels + p0 + l]);
                EXPECT_EQ(hasNaN, (nanMask >> l) & 1u);
                if (hasNaN) continue;
                const auto ref = combinePixel(vals.data(), w, n, s, scratch);
                EXPECT_EQ(std::memcmp(&ref.value, &out[l].value, sizeof(float)), 0) << "n=" << n << " pixel " << p0 + l << ": " << ref.value << " vs " << out[l].value;
                EXPECT_EQ(ref.rejectedLow, out[l].rejectedLow);
                EXPECT_EQ(ref.rejectedHigh, out[l].rejectedHigh);
                EXPECT_EQ(ref.covered, out[l].covered);
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, LaneKernelMatchesScalar,
                         ::testing::Values(LaneCase{CombineMethod::Median, RejectionMethod::None, 1, false},
                                           LaneCase{CombineMethod::Average, RejectionMethod::Sigma, 1, false},
                                           LaneCase{CombineMethod::Average, RejectionMethod::Sigma, 10, true},
                                           LaneCase{CombineMethod::Sum, RejectionMethod::Sigma, 3, false},
                                           LaneCase{CombineMethod::Median, RejectionMethod::Sigma, 10, false}));
