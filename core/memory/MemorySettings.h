#pragma once

#include <QStringList>
#include <cstdint>

#include "memory/MemoryStats.h"

namespace skyweave {

/**
 * @brief The memory knobs in one place: the planning budget, the level thresholds, the sampling interval.
 *
 * Defaults follow the original GOES-VFI numbers (Low below 500 MB or above 85 % used, Critical below
 * 200 MB or above 95 %, a 1000 MB working budget, a 5 s GUI interval). fromEnvironment() applies the
 * SKYWEAVE_* variables (GOES_VFI_* accepted as aliases); a bad value is reported and its default kept.
 */
struct MemorySettings {
    static constexpr std::uint64_t kDefaultBudgetMb = 1000;
    static constexpr std::uint64_t kDefaultWarningMb = 500;
    static constexpr std::uint64_t kDefaultCriticalMb = 200;
    static constexpr double kDefaultWarningPercent = 85.0;
    static constexpr double kDefaultCriticalPercent = 95.0;
    static constexpr int kDefaultIntervalMs = 5000;

    std::uint64_t budgetMb = kDefaultBudgetMb;         ///< working memory the pipelines may plan for
    std::uint64_t warningMb = kDefaultWarningMb;       ///< Low when available falls below this
    std::uint64_t criticalMb = kDefaultCriticalMb;     ///< Critical when available falls below this
    double warningPercent = kDefaultWarningPercent;    ///< Low when used % rises above this
    double criticalPercent = kDefaultCriticalPercent;  ///< Critical when used % rises above this
    int intervalMs = kDefaultIntervalMs;               ///< MemoryMonitor sampling period

    [[nodiscard]] std::uint64_t budgetBytes() const { return budgetMb * kBytesPerMb; }

    /**
     * @brief The level for an effective available figure and used percentage.
     *
     * Critical if available < criticalMb or used > criticalPercent; else Low if available < warningMb
     * or used > warningPercent; else Normal. (2000 MB/75 % → Normal, 400 MB/80 % → Low, 150 MB/98 % →
     * Critical.)
     */
    [[nodiscard]] MemoryLevel levelFor(std::uint64_t availableBytes, double usedPercent) const;

    /**
     * @brief As above, for a machine or cgroup of `totalBytes`: below 2 × warningMb (1000 MB by default)
     *        only the percentages count.
     *
     * The MB lines were set for desktops; in a 256 MB cgroup "< 200 MB available" holds even when idle,
     * so a job would sit at Critical — its reads paused — for good. A total of 0 (unknown) keeps the MB
     * lines. (256 MB total: 60 MB available → Normal, 30 MB → Low at 88 %, 10 MB → Critical at 96 %.)
     */
    [[nodiscard]] MemoryLevel levelFor(std::uint64_t availableBytes, double usedPercent, std::uint64_t totalBytes) const;

    /**
     * @brief Defaults overridden by the environment.
     *
     * Reads SKYWEAVE_MAX_MEMORY_MB, SKYWEAVE_MEMORY_WARNING_THRESHOLD, SKYWEAVE_MEMORY_CRITICAL_THRESHOLD
     * (whole MB > 0), falling back to GOES_VFI_MAX_MEMORY_MB, GOES_VFI_MEMORY_WARNING_THRESHOLD,
     * GOES_VFI_MEMORY_CRITICAL_THRESHOLD. A bad value keeps the default and yields a message naming the
     * variable and the value. When `problems` is given the messages are appended there; otherwise each
     * distinct message is logged once per process on the "skyweave.memory" category.
     */
    static MemorySettings fromEnvironment(QStringList* problems = nullptr);
};

}  // namespace skyweave
