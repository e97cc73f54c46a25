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
    /// A pipeline item is held as input, output and working copy at once (the GOES-VFI estimate, ×3).
    static constexpr double kWorkingCopies = 3.0;
    /// Headroom for allocator overhead and per-item metadata that the ×3 leaves out.
    static constexpr double kSafetyFactor = 1.2;
    /// checkAvailable() still succeeds below this multiple of the requirement, but says memory is tight.
    static constexpr double kComfortFactor = 1.5;

    /// @param budgetBytes working memory the pipelines may plan for (SKYWEAVE_MAX_MEMORY_MB).
    explicit MemoryBudget(std::uint64_t budgetBytes) : budgetBytes_(budgetBytes) {}

    [[nodiscard]] std::uint64_t budgetBytes() const { return budgetBytes_; }

    /// w × h × channels × bytes per channel.
    static std::uint64_t imageBytes(int width, int height, int channels, int bytesPerChannel);
    /// Bytes of an OpenCV matrix type at a size (CV_8UC3, CV_32FC1, …).
    static std::uint64_t matBytes(int width, int height, int cvType);

    /// Peak bytes of one in-flight pipeline item whose frame is `frameBytes`: frame × kWorkingCopies ×
    /// kSafetyFactor.
    static std::uint64_t pipelineItemBytes(std::uint64_t frameBytes);

    /**
     * @brief Can `requiredBytes` be had with `stats.availableBytes` and within the budget?
     *
     * Not ok → "Insufficient memory: need 1200 MB, 640 MB available" (or "…, the memory budget is …").
     * Ok with less than kComfortFactor × required available → message "Memory is tight: …"; else "OK".
     */
    [[nodiscard]] MemoryCheck checkAvailable(std::uint64_t requiredBytes, const MemoryStats& stats) const;

    /**
     * @brief Items of `perItemBytes` that fit in min(budget, available) − reserve, clamped to [minItems,
     * maxItems].
     *
     * Example: budget 1000 MB, 640 MB available, reserve 100 MB, 60 MB per item → (640 − 100) / 60 = 9.
     * Returns minItems when nothing fits (the caller decides whether to refuse via checkAvailable()),
     * maxItems when perItemBytes is 0. Recompute between batches with fresh stats.
     */
    [[nodiscard]] int batchSize(std::uint64_t perItemBytes, const MemoryStats& stats,
                                std::uint64_t reserveBytes, int minItems, int maxItems) const;

    /// Workers whose per-worker working set fits the budget, at most `hardwareThreads`, at least 1.
    /// `hardwareThreads` ≤ 0 means std::thread::hardware_concurrency(). Example: 1000 MB / 300 MB → 3.
    [[nodiscard]] int workerCount(std::uint64_t perWorkerBytes, int hardwareThreads) const;

    /// 64-bit float/int → 32-bit when lossless (or always when `force`); other types unchanged.
    /// OpenCV 4.6 has no 64-bit integer Mat, so in practice CV_64F → CV_32F when every value round-trips.
    static cv::Mat narrowDepth(const cv::Mat& m, bool force = false);

    /// Returns freed heap pages to the OS (malloc_trim), so that freed memory shows up as available.
    /// Thread-safe.
    static void releaseMemory();

private:
    std::uint64_t budgetBytes_;
};

}  // namespace skyweave
