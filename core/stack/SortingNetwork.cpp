#include "stack/SortingNetwork.h"

#include <algorithm>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "common/Errors.h"

namespace skyweave {
namespace {

constexpr int kMaxNetworkSize = 65535;

std::vector<std::pair<std::uint16_t, std::uint16_t>> mergeExchange(int n) {
    std::vector<std::pair<std::uint16_t, std::uint16_t>> pairs;
    if (n < 2) return pairs;
    int t = 0;
    while ((1 << t) < n) ++t;
    for (int p = 1 << (t - 1); p > 0; p >>= 1) {
        int q = 1 << (t - 1), r = 0, d = p;
        for (;;) {
            for (int i = 0; i < n - d; ++i)
                if ((i & p) == r) pairs.emplace_back(static_cast<std::uint16_t>(i), static_cast<std::uint16_t>(i + d));
            if (q == p) break;
            d = q - p;
            q >>= 1;
            r = p;
        }
    }
    return pairs;
}

}  // namespace

SortingNetwork SortingNetwork::sorter(int n) {
    if (n < 0 || n > kMaxNetworkSize) throw SkyweaveError(ErrorKind::Internal, "sorting network size out of range");
    SortingNetwork net;
    net.n_ = n;
    net.pairs_ = mergeExchange(n);
    return net;
}

SortingNetwork SortingNetwork::selector(int n, int k0, int k1) {
    SortingNetwork net = sorter(n);
    // Walk backwards: a comparator matters when one of its outputs is needed; then both inputs are.
    std::vector<char> needed(static_cast<std::size_t>(n), 0);
    if (n > 0) needed[k0] = needed[k1] = 1;
    std::vector<std::pair<std::uint16_t, std::uint16_t>> kept;
    for (auto it = net.pairs_.rbegin(); it != net.pairs_.rend(); ++it) {
        if (!needed[it->first] && !needed[it->second]) continue;
        needed[it->first] = needed[it->second] = 1;
        kept.push_back(*it);
    }
    std::reverse(kept.begin(), kept.end());
    net.pairs_ = std::move(kept);
    return net;
}

namespace {

using Pairs = std::vector<std::pair<std::uint16_t, std::uint16_t>>;
static_assert(SortingNetwork::kLanes == 16, "the SIMD paths below process 16 lanes");

#if defined(__x86_64__)
// One comparator over 16 lanes = min and max of whole rows. minps/maxps equal the comparator
// exactly for NaN-free data (the only data the network sees).
__attribute__((target("avx2"))) void applyAvx2(const Pairs& pairs, float* v) {
    for (const auto& [i, j] : pairs) {
        float* a = v + static_cast<std::size_t>(i) * 16;
        float* b = v + static_cast<std::size_t>(j) * 16;
        for (int h = 0; h < 16; h += 8) {
            const __m256 x = _mm256_loadu_ps(a + h), y = _mm256_loadu_ps(b + h);
            _mm256_storeu_ps(a + h, _mm256_min_ps(x, y));
            _mm256_storeu_ps(b + h, _mm256_max_ps(x, y));
        }
    }
}

void applySse2(const Pairs& pairs, float* v) {
    for (const auto& [i, j] : pairs) {
        float* a = v + static_cast<std::size_t>(i) * 16;
        float* b = v + static_cast<std::size_t>(j) * 16;
        for (int h = 0; h < 16; h += 4) {
            const __m128 x = _mm_loadu_ps(a + h), y = _mm_loadu_ps(b + h);
            _mm_storeu_ps(a + h, _mm_min_ps(x, y));
            _mm_storeu_ps(b + h, _mm_max_ps(x, y));
        }
    }
}
#endif

[[maybe_unused]] void applyPortable(const Pairs& pairs, float* v) {
    for (const auto& [i, j] : pairs) {
        float* a = v + static_cast<std::size_t>(i) * 16;
        float* b = v + static_cast<std::size_t>(j) * 16;
        for (int l = 0; l < 16; ++l) {
            const float x = a[l], y = b[l];
            a[l] = x < y ? x : y;
            b[l] = x < y ? y : x;
        }
    }
}

}  // namespace

void SortingNetwork::apply(float* values) const {
#if defined(__x86_64__)
    static const bool hasAvx2 = __builtin_cpu_supports("avx2");
    if (hasAvx2) return applyAvx2(pairs_, values);
    return applySse2(pairs_, values);
#else
    applyPortable(pairs_, values);
#endif
}

}  // namespace skyweave
