#pragma once

#include <cstdint>

namespace skyweave::sample {

/**
 * @brief A seeded random source whose sequence is the same on every platform and standard library.
 *
 * The sample data must be bit-identical from run to run and machine to machine (tests compare against
 * truth.json, users compare results), but std::normal_distribution and std::poisson_distribution are
 * implementation-defined. So the generator is SplitMix64 and the distributions are written out here.
 */
class SampleRandom {
public:
    explicit SampleRandom(std::uint64_t seed) : state_(seed) {}

    /// Next raw 64-bit value (SplitMix64, Steele, Lea & Flood 2014).
    std::uint64_t next();
    /// Uniform in [0, 1) with 53 random bits.
    double uniform();
    /// Uniform in [lo, hi).
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    /// Integer uniform in [lo, hi] (inclusive).
    int uniformInt(int lo, int hi);
    /// Standard normal N(0, 1) by the Box–Muller transform.
    double normal();
    /**
     * @brief Poisson-distributed count with the given mean.
     *
     * Exact (Knuth's multiplication method) below a mean of 30; above, the normal approximation
     * N(mean, mean) rounded to an integer, whose error is far below the read noise added on top.
     */
    double poisson(double mean);

    /// An independent stream for one sub-task (frame k), so adding a frame never changes the others.
    [[nodiscard]] SampleRandom fork(std::uint64_t salt) const;

private:
    std::uint64_t state_;
    bool hasSpareNormal_ = false;
    double spareNormal_ = 0.0;
};

}  // namespace skyweave::sample
