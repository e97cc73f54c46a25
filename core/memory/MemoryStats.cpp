#include "memory/MemoryStats.h"

#include "memory/MemoryLog.h"

namespace skyweave {

Q_LOGGING_CATEGORY(lcMemory, "skyweave.memory", QtInfoMsg)

void registerMemoryMetaTypes() {
    static const bool registered = [] {
        qRegisterMetaType<MemoryStats>("skyweave::MemoryStats");
        qRegisterMetaType<MemoryLevel>("skyweave::MemoryLevel");
        return true;
    }();
    (void)registered;
}

std::string_view memoryLevelName(MemoryLevel level) {
    switch (level) {
        case MemoryLevel::Normal:
            return "normal";
        case MemoryLevel::Low:
            return "low";
        case MemoryLevel::Critical:
            return "critical";
    }
    return "normal";
}

}  // namespace skyweave
