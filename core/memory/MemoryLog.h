#pragma once

#include <QLoggingCategory>
#include <QString>

#include "memory/MemoryStats.h"

namespace skyweave {

/// "skyweave.memory": level transitions, governor adjustments, pool releases, bad settings.
/// Info and above by default; debug with QT_LOGGING_RULES="skyweave.memory.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcMemory)

/// memoryLevelName() as a QString, for log lines and messages.
inline QString memoryLevelText(MemoryLevel level) {
    const std::string_view name = memoryLevelName(level);
    return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

}  // namespace skyweave
