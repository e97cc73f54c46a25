#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace skyweave {

class ProcReader;

/**
 * @brief Lowers a memory limit to what the process's memory cgroup can still give.
 *
 * A cgroup limit is a wall (the kernel kills the process past it), unlike the machine's free
 * memory: the plan stays within kCgroupShare of the room the cgroup has left. Returns the note to
 * show when the limit was lowered, nullopt when it already fits or no cgroup limit is readable.
 */
std::optional<std::string> fitLimitToCgroup(std::uint64_t& limitBytes, const ProcReader& reader);

/// The same for this process, read from /proc (or SKYWEAVE_PROC_ROOT).
std::optional<std::string> fitLimitToCgroup(std::uint64_t& limitBytes);

}  // namespace skyweave
