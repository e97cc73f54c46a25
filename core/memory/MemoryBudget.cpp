#include "memory/MemoryBudget.h"

#include <malloc.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

#include <opencv2/core.hpp>

#include "memory/MemoryLog.h"

namespace skyweave {

namespace {

std::string mbText(std::uint64_t bytes) {
    return std::to_string(bytesToMb(bytes)) + " MB";
}

/// True when every element of a CV_64F matrix survives a round trip through float (NaN counts as surviving).
bool fitsInFloatExactly(const cv::Mat& m) {
    for (int r = 0; r < m.rows; ++r) {
        const auto* row = m.ptr<double>(r);
        const int n = m.cols * m.channels();
        for (int i = 0; i < n; ++i) {
            const double v = row[i];
            if (std::isnan(v)) continue;
            if (static_cast<double>(static_cast<float>(v)) != v) return false;
        }
    }
    return true;
}

}  // namespace

std::uint64_t MemoryBudget::imageBytes(int width, int height, int channels, int bytesPerChannel) {
    if (width <= 0 || height <= 0 || channels <= 0 || bytesPerChannel <= 0) return 0;
    return static_cast<std::uint64_t>(width) * static_cast<std::uint64_t>(height) *
           static_cast<std::uint64_t>(channels) * static_cast<std::uint64_t>(bytesPerChannel);
}

std::uint64_t MemoryBudget::matBytes(int width, int height, int cvType) {
    return imageBytes(width, height, CV_MAT_CN(cvType), static_cast<int>(CV_ELEM_SIZE1(cvType)));
}

std::uint64_t MemoryBudget::pipelineItemBytes(std::uint64_t frameBytes) {
    const double bytes = static_cast<double>(frameBytes) * kWorkingCopies * kSafetyFactor;
    return static_cast<std::uint64_t>(std::ceil(bytes));
}

MemoryCheck MemoryBudget::checkAvailable(std::uint64_t requiredBytes, const MemoryStats& stats) const {
    if (requiredBytes > stats.availableBytes) {
        return {false, "Insufficient memory: need " + mbText(requiredBytes) + ", " +
                           mbText(stats.availableBytes) + " available"};
    }
    if (requiredBytes > budgetBytes_) {
        return {false, "Insufficient memory: need " + mbText(requiredBytes) + ", the memory budget is " +
                           mbText(budgetBytes_) + " (SKYWEAVE_MAX_MEMORY_MB)"};
    }
    if (static_cast<double>(stats.availableBytes) < kComfortFactor * static_cast<double>(requiredBytes)) {
        return {true, "Memory is tight: need " + mbText(requiredBytes) + ", " + mbText(stats.availableBytes) +
                          " available"};
    }
    return {true, "OK"};
}

int MemoryBudget::batchSize(std::uint64_t perItemBytes, const MemoryStats& stats, std::uint64_t reserveBytes,
                            int minItems, int maxItems) const {
    maxItems = std::max(maxItems, minItems);
    if (perItemBytes == 0) return maxItems;
    const std::uint64_t usable = std::min(budgetBytes_, stats.availableBytes);
    if (usable <= reserveBytes) return minItems;
    const std::uint64_t fit = (usable - reserveBytes) / perItemBytes;
    return static_cast<int>(std::clamp<std::uint64_t>(fit, static_cast<std::uint64_t>(std::max(minItems, 0)),
                                                      static_cast<std::uint64_t>(maxItems)));
}

int MemoryBudget::workerCount(std::uint64_t perWorkerBytes, int hardwareThreads) const {
    if (hardwareThreads <= 0)
        hardwareThreads = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
    if (perWorkerBytes == 0) return hardwareThreads;
    const std::uint64_t fit = budgetBytes_ / perWorkerBytes;
    return static_cast<int>(std::clamp<std::uint64_t>(fit, 1, static_cast<std::uint64_t>(hardwareThreads)));
}

cv::Mat MemoryBudget::narrowDepth(const cv::Mat& m, bool force) {
    // OpenCV 4.6 has no 64-bit integer depth, so CV_64F is the only 64-bit type a cv::Mat can hold.
    if (m.empty() || m.depth() != CV_64F) return m;
    if (!force && !fitsInFloatExactly(m)) return m;
    cv::Mat narrowed;
    m.convertTo(narrowed, CV_MAKETYPE(CV_32F, m.channels()));
    return narrowed;
}

void MemoryBudget::releaseMemory() {
    // glibc keeps freed blocks in its arenas; malloc_trim hands whole free pages back to the kernel so
    // the freed memory shows up in MemAvailable (and the cgroup) rather than only inside this process.
    malloc_trim(0);
    qCDebug(lcMemory) << "releaseMemory: trimmed the heap";
}

}  // namespace skyweave
