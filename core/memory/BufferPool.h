#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include <opencv2/core/mat.hpp>

namespace skyweave {

/**
 * @brief Thread-safe reuse of same-shaped cv::Mat buffers (per-frame scratch images, flow fields…).
 *
 * acquire() hands out a kept buffer of the requested rows × cols × type (a hit) or allocates one
 * (a miss); release() keeps a buffer for the next acquire() when fewer than maxBuffers are kept and
 * nobody else still references its data. Contents of a reused buffer are left as they were.
 *
 * Every pool registers itself so that MemoryBudget::releaseMemory() (called by MemoryMonitor when the
 * level turns Critical) can empty all of them at once with clearAll(). A pool must outlive its Leases.
 */
class BufferPool {
public:
    static constexpr std::size_t kDefaultMaxBuffers = 10;

    struct Stats {
        std::uint64_t hits = 0;       ///< acquire() served from the pool
        std::uint64_t misses = 0;     ///< acquire() that allocated
        std::size_t kept = 0;         ///< buffers held now
        std::uint64_t keptBytes = 0;  ///< bytes held now
    };

    /// A buffer that goes back to its pool when the Lease is destroyed.
    class Lease {
    public:
        Lease(BufferPool& pool, cv::Mat mat) : pool_(&pool), mat_(std::move(mat)) {}
        Lease(Lease&& other) noexcept : pool_(other.pool_), mat_(std::move(other.mat_)) {
            other.pool_ = nullptr;
        }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Lease& operator=(Lease&&) = delete;
        ~Lease() {
            if (pool_) pool_->release(std::move(mat_));
        }
        [[nodiscard]] cv::Mat& mat() { return mat_; }

    private:
        BufferPool* pool_;
        cv::Mat mat_;
    };

    explicit BufferPool(std::size_t maxBuffers = kDefaultMaxBuffers, std::string name = {});
    ~BufferPool();
    BufferPool(const BufferPool&) = delete;
    BufferPool& operator=(const BufferPool&) = delete;

    /// A rows × cols buffer of `cvType`, reused when one is kept. Contents are undefined.
    [[nodiscard]] cv::Mat acquire(int rows, int cols, int cvType);
    /// acquire() wrapped so the buffer returns to the pool at the end of the scope.
    [[nodiscard]] Lease lease(int rows, int cols, int cvType) { return {*this, acquire(rows, cols, cvType)}; }

    /// Offers a buffer back. Kept only if the pool has room and `mat` is the sole owner of its data.
    void release(cv::Mat&& mat);

    /// Drops every kept buffer; returns the bytes dropped.
    std::uint64_t clear();

    [[nodiscard]] Stats stats() const;
    [[nodiscard]] std::size_t maxBuffers() const { return maxBuffers_; }
    [[nodiscard]] const std::string& name() const { return name_; }

    /// clear() on every live pool in the process; returns the bytes dropped.
    static std::uint64_t clearAll();

private:
    const std::size_t maxBuffers_;
    const std::string name_;
    mutable std::mutex mutex_;
    std::vector<cv::Mat> kept_;  // most recently released last (LIFO keeps caches warm)
    std::uint64_t hits_ = 0;
    std::uint64_t misses_ = 0;
};

}  // namespace skyweave
