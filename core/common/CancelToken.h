#pragma once

#include <atomic>
#include <memory>

namespace skyweave {

/**
 * @brief A cheap, copyable, thread-safe cancellation flag.
 *
 * Copies share one flag: the GUI or CLI keeps one copy and calls requestCancel(), the
 * algorithm keeps another and polls isCancelled() at strip/frame boundaries. Algorithms
 * never block on it, so a cancel is honoured within one unit of work.
 */
class CancelToken {
public:
    CancelToken() : flag_(std::make_shared<std::atomic<bool>>(false)) {}

    void requestCancel() const noexcept { flag_->store(true, std::memory_order_relaxed); }
    [[nodiscard]] bool isCancelled() const noexcept { return flag_->load(std::memory_order_relaxed); }

    /// Throws CancelledError when a cancel was requested.
    void throwIfCancelled() const;

private:
    std::shared_ptr<std::atomic<bool>> flag_;
};

}  // namespace skyweave
