#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

namespace skyweave {

/**
 * @brief Rate and time-left estimate from (time, units done) samples.
 *
 * Uses an exponentially weighted rate so that a slow first frame (cold page cache, encoder
 * warm-up) does not dominate the ETA for the rest of the run. Pure arithmetic, no clock of
 * its own: the caller passes the timestamps, which keeps it testable.
 */
class EtaEstimator {
public:
    using Clock = std::chrono::steady_clock;

    /// @param smoothing weight of the newest rate sample, in (0, 1].
    explicit EtaEstimator(double smoothing = 0.3) : smoothing_(smoothing) {}

    void start(Clock::time_point now) { start_ = last_ = now; lastDone_ = 0; rate_.reset(); }
    void update(Clock::time_point now, std::int64_t done);

    /// Units per second, once at least one unit finished.
    [[nodiscard]] std::optional<double> ratePerSecond() const { return rate_; }
    /// Seconds left for `total` units, once a rate is known.
    [[nodiscard]] std::optional<double> secondsLeft(std::int64_t done, std::int64_t total) const;
    [[nodiscard]] double elapsedSeconds(Clock::time_point now) const;

private:
    double smoothing_;
    Clock::time_point start_{};
    Clock::time_point last_{};
    std::int64_t lastDone_ = 0;
    std::optional<double> rate_;
};

}  // namespace skyweave
