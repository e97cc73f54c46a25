#include "memory/MemoryStats.h"

namespace skyweave {

std::string_view memoryLevelName(MemoryLevel level) {
    switch (level) {
        case MemoryLevel::Normal: return "normal";
        case MemoryLevel::Low: return "low";
        case MemoryLevel::Critical: return "critical";
    }
    return "normal";
}

}  // namespace skyweave
