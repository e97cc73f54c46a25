#include "common/EtaEstimator.h"

#include <algorithm>

namespace skyweave {

void EtaEstimator::update(Clock::time_point now, std::int64_t done) {
    const double dt = std::chrono::duration<double>(now - last_).count();
    const auto units = done - lastDone_;
    if (units <= 0 || dt <= 0.0) return;
    const double sample = static_cast<double>(units) / dt;
    rate_ = rate_ ? smoothing_ * sample + (1.0 - smoothing_) * *rate_ : sample;
    last_ = now;
    lastDone_ = done;
}

std::optional<double> EtaEstimator::secondsLeft(std::int64_t done, std::int64_t total) const {
    if (!rate_ || *rate_ <= 0.0) return std::nullopt;
    return static_cast<double>(std::max<std::int64_t>(0, total - done)) / *rate_;
}

double EtaEstimator::elapsedSeconds(Clock::time_point now) const {
    return std::chrono::duration<double>(now - start_).count();
}

}  // namespace skyweave
