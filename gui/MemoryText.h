#pragma once

#include <QString>
#include <cstdint>

#include "memory/MemorySettings.h"
#include "memory/MemoryStats.h"

namespace skyweave::gui {

/// "5.1 GB" from 1 GB up (one decimal), "410 MB" below; MB and GB are binary (2^20, 2^30), as in core.
QString formatBytes(std::uint64_t bytes);

/// "Memory: 5.1 GB available · 38 % used · app 410 MB" — the status-bar text.
QString memoryStatusText(const MemoryStats& stats);

/// Rich-text tooltip: system, process and cgroup figures, the level and the thresholds behind it.
QString memoryTooltip(const MemoryStats& stats, const MemorySettings& settings, int refreshMs);

/// "normal" / "low" / "critical" for people ("Normal", "Low", "Critical").
QString memoryLevelTitle(MemoryLevel level);

}  // namespace skyweave::gui
