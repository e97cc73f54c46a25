#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "TempDir.h"

namespace skyweave::test {

/**
 * A fake /proc + /sys/fs/cgroup tree in a temp folder, laid out as core/memory/README.md describes,
 * for ProcReader (pass root()) or any binary (set SKYWEAVE_PROC_ROOT=root()). Figures are in MB.
 */
class FakeProcRoot {
public:
    FakeProcRoot() { std::filesystem::create_directories(dir_.path() / "proc/self"); }

    [[nodiscard]] std::filesystem::path root() const { return dir_.path(); }

    /// proc/meminfo with MemTotal and MemAvailable (in kB, as the kernel writes them).
    void setSystem(std::uint64_t totalMb, std::uint64_t availableMb) {
        write("proc/meminfo", "MemTotal:       " + std::to_string(totalMb * 1024) +
                                  " kB\nMemFree:          123456 kB\nMemAvailable:   " +
                                  std::to_string(availableMb * 1024) + " kB\nBuffers:           1024 kB\n");
    }
    /// proc/self/status with VmHWM and VmRSS.
    void setProcess(std::uint64_t rssMb, std::uint64_t peakMb) {
        write("proc/self/status", "Name:\tskyweave\nVmPeak:\t  999999 kB\nVmHWM:\t  " +
                                      std::to_string(peakMb * 1024) + " kB\nVmRSS:\t  " +
                                      std::to_string(rssMb * 1024) + " kB\nThreads:\t4\n");
    }
    /// cgroup v2: proc/self/cgroup "0::/<path>" and memory.max ("max" or bytes) / memory.current under it.
    void setCgroupV2(const std::string& path, const std::string& max, std::uint64_t currentBytes,
                     const std::string& mountSubdir = "") {
        write("proc/self/cgroup", "0::/" + path + "\n");
        const std::string dir =
            "sys/fs/cgroup/" + (mountSubdir.empty() ? "" : mountSubdir + "/") + path + "/";
        write(dir + "memory.max", max + "\n");
        write(dir + "memory.current", std::to_string(currentBytes) + "\n");
    }
    /// cgroup v1: proc/self/cgroup "4:memory:/<path>" plus the given extra lines, and its limit/usage files.
    void setCgroupV1(const std::string& path, std::uint64_t limitBytes, std::uint64_t usageBytes,
                     const std::string& extraLines = "") {
        write("proc/self/cgroup", extraLines + "4:memory:/" + path + "\n1:cpu,cpuacct:/" + path + "\n");
        const std::string dir = "sys/fs/cgroup/memory/" + path + "/";
        write(dir + "memory.limit_in_bytes", std::to_string(limitBytes) + "\n");
        write(dir + "memory.usage_in_bytes", std::to_string(usageBytes) + "\n");
    }

    /// Any file below the root, folders created.
    void write(const std::string& relative, const std::string& text) const {
        const auto path = dir_.path() / relative;
        std::filesystem::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    }

private:
    TempDir dir_;
};

inline constexpr std::uint64_t kMiB = 1ULL << 20;

}  // namespace skyweave::test
