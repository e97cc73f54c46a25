#include "memory/CgroupFit.h"

#include <cmath>

#include "common/Errors.h"
#include "memory/ProcReader.h"

namespace skyweave {
namespace {

/// The rest of the room is for libraries, allocator slack and the kernel's own charges to the group.
constexpr double kCgroupShare = 0.75;

std::string mib(std::uint64_t bytes) { return std::to_string(std::llround(static_cast<double>(bytes) / (1 << 20))); }

}  // namespace

std::optional<std::string> fitLimitToCgroup(std::uint64_t& limitBytes, const ProcReader& reader) {
    std::optional<ProcReader::CgroupMemory> cgroup;
    std::optional<std::uint64_t> free;
    try {
        cgroup = reader.readCgroup();
        free = reader.cgroupRoomBytes();
    } catch (const SkyweaveError&) {
        return std::nullopt;  // nothing readable to fit to
    }
    if (!cgroup || !free) return std::nullopt;
    const std::uint64_t used = cgroup->limitBytes - *free;
    const auto room = static_cast<std::uint64_t>(static_cast<double>(*free) * kCgroupShare);
    if (room >= limitBytes) return std::nullopt;
    std::string note = "memory limit lowered from " + mib(limitBytes) + " MiB to " + mib(room) + " MiB: the cgroup allows " +
                       mib(cgroup->limitBytes) + " MiB and " + mib(used) + " MiB are in use";
    limitBytes = room;
    return note;
}

std::optional<std::string> fitLimitToCgroup(std::uint64_t& limitBytes) {
    try {
        return fitLimitToCgroup(limitBytes, ProcReader::fromEnvironment());
    } catch (const SkyweaveError&) {
        return std::nullopt;
    }
}

}  // namespace skyweave
