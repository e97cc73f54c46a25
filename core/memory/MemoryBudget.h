#pragma once

#include <cstdint>
#include <string>

#include <opencv2/core/mat.hpp>

#include "memory/MemoryStats.h"

namespace skyweave {

/// Result of a memory check: ok, and a message a person can act on when not.
struct MemoryCheck {
    bool ok = true;
    std::string message;  ///< "Insufficient memory: need 1200 MB, 640 MB available"
};

/**
 * @brief Plain, tested arithmetic for memory planning.
 *
 * Every pipeline states its peak cost per item (frame, strip row, pair) and asks the budget
 * how many items fit; nothing here allocates or reads /proc (the caller passes the stats).
 */
class MemoryBudget {
public:
    /// @param budgetBytes working memory the pipelines may plan for (SKYWEAVE_MAX_MEMORY_MB).
    explicit MemoryBudget(std::uint64_t budgetBytes) : budgetBytes_(budgetBytes) {}

    [[nodiscard]] std::uint64_t budgetBytes() const { return budgetBytes_; }

    /// w × h × channels × bytes per channel.
    static std::uint64_t imageBytes(int width, int height, int channels, int bytesPerChannel);
    /// Bytes of an OpenCV matrix type at a size (CV_8UC3, CV_32FC1, …).
    static std::uint64_t matBytes(int width, int height, int cvType);

    /// Can `requiredBytes` be had with `stats.availableBytes` and within the budget?
    [[nodiscard]] MemoryCheck checkAvailable(std::uint64_t requiredBytes, const MemoryStats& stats) const;

    /// Items of `perItemBytes` that fit in min(budget, available) − reserve, clamped to [minItems, maxItems].
    [[nodiscard]] int batchSize(std::uint64_t perItemBytes, const MemoryStats& stats, std::uint64_t reserveBytes,
                                int minItems, int maxItems) const;

    /// Workers whose per-worker working set fits the budget, at most `hardwareThreads`, at least 1.
    [[nodiscard]] int workerCount(std::uint64_t perWorkerBytes, int hardwareThreads) const;

    /// 64-bit float/int → 32-bit when lossless (or always when `force`); other types unchanged.
    static cv::Mat narrowDepth(const cv::Mat& m, bool force = false);

    /// Clears registered buffer pools and returns freed heap to the OS (malloc_trim). Returns bytes released if known.
    static std::uint64_t releaseMemory();

private:
    std::uint64_t budgetBytes_;
};

}  // namespace skyweave
