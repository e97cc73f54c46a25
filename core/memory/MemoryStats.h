#pragma once

#include <QMetaType>
#include <cstdint>
#include <optional>
#include <string_view>

namespace skyweave {

/// How much room is left: Normal, Low (warning) or Critical. Ordered by severity.
enum class MemoryLevel { Normal = 0, Low = 1, Critical = 2 };

/// "normal" | "low" | "critical" (the spelling `skyweave-cli memory --json` uses).
std::string_view memoryLevelName(MemoryLevel level);

/// Registers MemoryStats and MemoryLevel for queued signals (idempotent; called by the memory classes).
void registerMemoryMetaTypes();

/// Bytes in one MiB; every "MB" figure in Skyweave (settings, CLI, messages) is 2^20 bytes.
inline constexpr std::uint64_t kBytesPerMb = 1ULL << 20;

/// Bytes → MB for display (rounded to the nearest MB).
inline constexpr std::uint64_t bytesToMb(std::uint64_t bytes) {
    return (bytes + kBytesPerMb / 2) / kBytesPerMb;
}

/**
 * @brief One sample of system, process and cgroup memory, in bytes.
 *
 * `availableBytes` is already the effective figure: min(MemAvailable, cgroup limit − usage)
 * when a cgroup limit applies. A plain value type, cheap to copy across threads and signals.
 */
struct MemoryStats {
    std::uint64_t totalBytes = 0;                   ///< MemTotal, or the cgroup limit when that is smaller
    std::uint64_t availableBytes = 0;               ///< what a new allocation can still get
    double usedPercent = 0.0;                       ///< 100 · (total − available) / total
    std::uint64_t processRssBytes = 0;              ///< VmRSS of this process
    std::uint64_t processPeakBytes = 0;             ///< VmHWM of this process
    std::optional<std::uint64_t> cgroupLimitBytes;  ///< memory.max / memory.limit_in_bytes, when limited
    std::optional<std::uint64_t> cgroupUsageBytes;  ///< memory.current / memory.usage_in_bytes
    MemoryLevel level = MemoryLevel::Normal;
};

}  // namespace skyweave

// The one declaration of these metatypes (queued signals of MemoryMonitor, Job, PressureGovernor).
Q_DECLARE_METATYPE(skyweave::MemoryStats)
Q_DECLARE_METATYPE(skyweave::MemoryLevel)
