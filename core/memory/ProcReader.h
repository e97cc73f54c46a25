#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "memory/MemorySettings.h"
#include "memory/MemoryStats.h"

namespace skyweave {

/**
 * @brief Reads system, process and cgroup memory from /proc and /sys/fs/cgroup below a root folder.
 *
 * The root is "/" on a real system; tests and demos point it (or SKYWEAVE_PROC_ROOT) at a folder of fake
 * files laid out the same way (see core/memory/README.md). Files read per sample:
 *   - proc/meminfo: MemTotal, MemAvailable (required; MemFree + Buffers + Cached on kernels without it);
 *   - proc/self/status: VmRSS, VmHWM (optional: 0 when absent);
 *   - proc/self/cgroup: the cgroup paths, then for cgroup v2 (line "0::/path") memory.max, memory.current and
 *     memory.stat under sys/fs/cgroup/<path> (or sys/fs/cgroup/unified/<path> on hybrid hosts), and for v1
 *     (line "N:memory:/path") memory.limit_in_bytes, memory.usage_in_bytes and memory.stat under
 *     sys/fs/cgroup/memory/<path>. Each ancestor up to the mount is checked; the tightest limit wins.
 * Cgroup usage is the working set: usage minus inactive file cache (which the kernel reclaims before it
 * OOM-kills), so reading many files does not look like pressure. Stateless and cheap (a few small reads);
 * safe to use from any thread.
 */
class ProcReader {
public:
    /// The cgroup that bounds this process most tightly, when any limit applies.
    struct CgroupMemory {
        std::uint64_t limitBytes = 0;  ///< memory.max / memory.limit_in_bytes
        std::uint64_t usageBytes = 0;  ///< memory.current / memory.usage_in_bytes minus inactive file cache
        int version = 2;               ///< 1 or 2
        std::filesystem::path dir;     ///< the folder the limit came from

        /// limit − usage, 0 when usage is over the limit.
        [[nodiscard]] std::uint64_t headroomBytes() const {
            return limitBytes > usageBytes ? limitBytes - usageBytes : 0;
        }
    };

    explicit ProcReader(std::filesystem::path root = "/");
    /// Root from SKYWEAVE_PROC_ROOT, "/" when unset or empty.
    static ProcReader fromEnvironment();
    /// One classified sample with settings and root from the environment (the pipelines' one-liner).
    static MemoryStats sampleNow();

    [[nodiscard]] const std::filesystem::path& root() const { return root_; }

    /**
     * @brief One sample; `level` is left Normal (see the overload).
     *
     * total = min(MemTotal, cgroup limit); available = min(MemAvailable, limit − usage);
     * usedPercent = 100 · (total − available) / total.
     * @throws SkyweaveError (Io) when proc/meminfo cannot be read, (BadInput) when a file that exists
     *         has no usable number where one is required; the message names the file.
     */
    [[nodiscard]] MemoryStats read() const;
    /// read() with the level classified by `settings`.
    [[nodiscard]] MemoryStats read(const MemorySettings& settings) const;

    /// The tightest cgroup memory limit of this process, or nullopt when none applies ("max" / unlimited).
    [[nodiscard]] std::optional<CgroupMemory> readCgroup() const;

    /**
     * @brief What a new allocation may still take in the tightest cgroup before the kernel kills:
     *        limit − usage, where usage leaves out all file cache (active too, not only the inactive part
     *        the working set drops), since the kernel reclaims it first. nullopt when no limit applies.
     */
    [[nodiscard]] std::optional<std::uint64_t> cgroupRoomBytes() const;

    /// "Key:   123 kB" lines (meminfo, status) → bytes; nullopt when the key is absent.
    static std::optional<std::uint64_t> parseKbField(std::string_view text, std::string_view key);
    /// "key 123" lines (memory.stat) → value; nullopt when absent.
    static std::optional<std::uint64_t> parseStatField(std::string_view text, std::string_view key);

private:
    std::filesystem::path root_;
};

}  // namespace skyweave
