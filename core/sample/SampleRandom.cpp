#include "sample/SampleRandom.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace skyweave::sample {

namespace {
constexpr double kPoissonExactBelowMean = 30.0;
}

std::uint64_t SampleRandom::next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

double SampleRandom::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

int SampleRandom::uniformInt(int lo, int hi) {
    const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
    return lo + static_cast<int>(next() % span);
}

double SampleRandom::normal() {
    if (hasSpareNormal_) {
        hasSpareNormal_ = false;
        return spareNormal_;
    }
    // 1 - uniform() lies in (0, 1], so the logarithm is finite.
    const double radius = std::sqrt(-2.0 * std::log(1.0 - uniform()));
    const double angle = 2.0 * std::numbers::pi * uniform();
    spareNormal_ = radius * std::sin(angle);
    hasSpareNormal_ = true;
    return radius * std::cos(angle);
}

double SampleRandom::poisson(double mean) {
    if (mean <= 0.0) return 0.0;
    if (mean >= kPoissonExactBelowMean) return std::max(0.0, std::round(mean + std::sqrt(mean) * normal()));
    const double limit = std::exp(-mean);
    double product = uniform();
    int count = 0;
    while (product > limit) {
        product *= uniform();
        ++count;
    }
    return count;
}

SampleRandom SampleRandom::fork(std::uint64_t salt) const {
    SampleRandom mixer(state_ ^ (salt * 0xD1B54A32D192ED03ULL));
    return SampleRandom(mixer.next());
}

}  // namespace skyweave::sample
