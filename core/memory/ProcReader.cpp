#include "memory/ProcReader.h"

#include <fcntl.h>
#include <unistd.h>

#include <QtGlobal>
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <vector>

#include "common/Errors.h"

namespace skyweave {

namespace fs = std::filesystem;

namespace {

/// v1 reports "no limit" as PAGE_COUNTER_MAX pages (0x7FFFFFFFFFFFF000 on 4 KiB pages); anything this
/// large is no limit on any real machine.
constexpr std::uint64_t kUnlimitedThreshold = 1ULL << 62;

/// Whole contents of a small /proc or /sys file, or nullopt with errno set. Plain read(2): these files
/// report size 0, and a sample should cost a few system calls, not a stream object.
std::optional<std::string> readSmallFile(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::string text;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        text.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return text;
}

std::string_view trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return s.substr(first, last - first + 1);
}

std::optional<std::uint64_t> parseUnsigned(std::string_view s) {
    s = trim(s);
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return value;
}

/// The value after `key` at the start of a line, up to the end of that line.
std::optional<std::string_view> lineValue(std::string_view text, std::string_view key) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(pos, end - pos);
        if (line.size() > key.size() && line.substr(0, key.size()) == key) return line.substr(key.size());
        pos = end + 1;
    }
    return std::nullopt;
}

[[noreturn]] void badNumber(const fs::path& path, std::string_view what) {
    throw SkyweaveError(ErrorKind::BadInput, path.string() + ": " + std::string(what));
}

/// A cgroup file holding one number, "max" (→ unlimited) or absent (→ nullopt).
struct CgroupValue {
    bool present = false;
    std::optional<std::uint64_t> value;  ///< empty when "max"/unlimited
};

CgroupValue readCgroupValue(const fs::path& path) {
    const auto text = readSmallFile(path);
    if (!text) return {};
    const std::string_view v = trim(*text);
    if (v == "max") return {true, std::nullopt};
    const auto n = parseUnsigned(v);
    if (!n)
        badNumber(path,
                  "expected a number of bytes or \"max\", found \"" + std::string(v.substr(0, 40)) + "\"");
    if (*n >= kUnlimitedThreshold) return {true, std::nullopt};
    return {true, n};
}

struct Hierarchy {
    fs::path mount;    ///< <root>/sys/fs/cgroup[/memory|/unified]
    std::string path;  ///< "/a/b" from proc/self/cgroup
    int version;
};

/// Memory hierarchies named in proc/self/cgroup, with every mount folder they could be under.
std::vector<Hierarchy> memoryHierarchies(const fs::path& root) {
    std::vector<Hierarchy> result;
    const auto text = readSmallFile(root / "proc/self/cgroup");
    if (!text) return result;
    const fs::path base = root / "sys/fs/cgroup";
    std::string_view rest = *text;
    while (!rest.empty()) {
        const auto nl = rest.find('\n');
        const std::string_view line = rest.substr(0, nl);
        rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
        const auto c1 = line.find(':');
        const auto c2 = c1 == std::string_view::npos ? c1 : line.find(':', c1 + 1);
        if (c2 == std::string_view::npos) continue;
        const std::string_view id = line.substr(0, c1);
        const std::string_view controllers = line.substr(c1 + 1, c2 - c1 - 1);
        const std::string path(trim(line.substr(c2 + 1)));
        if (id == "0" && controllers.empty()) {
            result.push_back({base, path, 2});              // pure v2: mounted at /sys/fs/cgroup
            result.push_back({base / "unified", path, 2});  // hybrid: v2 mounted beside the v1 controllers
            continue;
        }
        std::string_view list = controllers;
        while (!list.empty()) {
            const auto comma = list.find(',');
            if (list.substr(0, comma) == "memory") {
                result.push_back({base / "memory", path, 1});
                break;
            }
            list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
        }
    }
    return result;
}

/// Reclaimable page cache that the kernel drops before OOM; subtracted from usage (kubelet's working set).
std::uint64_t inactiveFileBytes(const fs::path& dir, int version) {
    const auto stat = readSmallFile(dir / "memory.stat");
    if (!stat) return 0;
    if (version == 1) {
        if (auto v = ProcReader::parseStatField(*stat, "total_inactive_file")) return *v;
    }
    return ProcReader::parseStatField(*stat, "inactive_file").value_or(0);
}

/// Tightest limit from the process's cgroup up to the mount root of one hierarchy.
void scanHierarchy(const Hierarchy& h, std::optional<ProcReader::CgroupMemory>& best) {
    std::error_code ec;
    if (!fs::is_directory(h.mount, ec)) return;
    fs::path relative = fs::path(h.path).relative_path();
    // Inside a container the listed path may not exist in its own cgroup namespace view: use the mount.
    // A path outside the namespace shows up as "/../x"; never follow it out of the mount.
    const bool escapes =
        std::any_of(relative.begin(), relative.end(), [](const fs::path& part) { return part == ".."; });
    if (escapes || !fs::is_directory(h.mount / relative, ec)) relative.clear();
    const char* limitName = h.version == 2 ? "memory.max" : "memory.limit_in_bytes";
    const char* usageName = h.version == 2 ? "memory.current" : "memory.usage_in_bytes";
    for (;;) {
        const fs::path dir = relative.empty() ? h.mount : h.mount / relative;
        const CgroupValue limit = readCgroupValue(dir / limitName);
        if (limit.value) {
            const CgroupValue usage = readCgroupValue(dir / usageName);
            std::uint64_t used = usage.value.value_or(0);
            used -= std::min(used, inactiveFileBytes(dir, h.version));
            ProcReader::CgroupMemory candidate{*limit.value, used, h.version, dir};
            if (!best || candidate.headroomBytes() < best->headroomBytes()) best = std::move(candidate);
        }
        if (relative.empty()) break;
        relative = relative.parent_path();
    }
}

}  // namespace

ProcReader::ProcReader(fs::path root) : root_(root.empty() ? fs::path("/") : std::move(root)) {}

ProcReader ProcReader::fromEnvironment() {
    return ProcReader(qEnvironmentVariable("SKYWEAVE_PROC_ROOT").toStdString());
}

MemoryStats ProcReader::sampleNow() {
    return fromEnvironment().read(MemorySettings::fromEnvironment());
}

std::optional<std::uint64_t> ProcReader::parseKbField(std::string_view text, std::string_view key) {
    const std::string k = std::string(key) + ":";
    const auto value = lineValue(text, k);
    if (!value) return std::nullopt;
    std::string_view v = trim(*value);
    std::uint64_t scale = 1;
    if (v.size() >= 2 && v.substr(v.size() - 2) == "kB") {
        scale = 1024;
        v = trim(v.substr(0, v.size() - 2));
    }
    const auto n = parseUnsigned(v);
    if (!n) return std::nullopt;
    return *n * scale;
}

std::optional<std::uint64_t> ProcReader::parseStatField(std::string_view text, std::string_view key) {
    const auto value = lineValue(text, std::string(key) + " ");
    return value ? parseUnsigned(*value) : std::nullopt;
}

std::optional<ProcReader::CgroupMemory> ProcReader::readCgroup() const {
    std::optional<CgroupMemory> best;
    for (const Hierarchy& h : memoryHierarchies(root_)) scanHierarchy(h, best);
    return best;
}

std::optional<std::uint64_t> ProcReader::cgroupRoomBytes() const {
    const auto cgroup = readCgroup();
    if (!cgroup) return std::nullopt;
    // Page cache an earlier run left charged to the group is reclaimed before anyone is killed.
    std::uint64_t used = std::min(cgroup->usageBytes, cgroup->limitBytes);
    if (const auto stat = readSmallFile(cgroup->dir / "memory.stat"))
        used -= std::min(used, parseStatField(*stat, cgroup->version == 1 ? "total_active_file" : "active_file").value_or(0));
    return cgroup->limitBytes - used;
}

MemoryStats ProcReader::read() const {
    const fs::path meminfoPath = root_ / "proc/meminfo";
    const auto meminfo = readSmallFile(meminfoPath);
    if (!meminfo) {
        throw SkyweaveError(ErrorKind::Io,
                            meminfoPath.string() + ": cannot read (" + std::strerror(errno) + ")");
    }
    const auto total = parseKbField(*meminfo, "MemTotal");
    if (!total || *total == 0) badNumber(meminfoPath, "no usable \"MemTotal: N kB\" line");
    auto available = parseKbField(*meminfo, "MemAvailable");
    if (!available) {  // kernels before 3.14: the classic estimate
        available = parseKbField(*meminfo, "MemFree").value_or(0) +
                    parseKbField(*meminfo, "Buffers").value_or(0) +
                    parseKbField(*meminfo, "Cached").value_or(0);
    }

    MemoryStats s;
    s.totalBytes = *total;
    s.availableBytes = std::min(*available, *total);
    if (const auto status = readSmallFile(root_ / "proc/self/status")) {
        s.processRssBytes = parseKbField(*status, "VmRSS").value_or(0);
        s.processPeakBytes = parseKbField(*status, "VmHWM").value_or(s.processRssBytes);
    }
    if (const auto cgroup = readCgroup()) {
        s.cgroupLimitBytes = cgroup->limitBytes;
        s.cgroupUsageBytes = cgroup->usageBytes;
        s.totalBytes = std::min(s.totalBytes, cgroup->limitBytes);
        s.availableBytes = std::min({s.availableBytes, cgroup->headroomBytes(), s.totalBytes});
    }
    s.usedPercent = s.totalBytes == 0 ? 0.0
                                      : 100.0 * static_cast<double>(s.totalBytes - s.availableBytes) /
                                            static_cast<double>(s.totalBytes);
    return s;
}

MemoryStats ProcReader::read(const MemorySettings& settings) const {
    MemoryStats s = read();
    s.level = settings.levelFor(s.availableBytes, s.usedPercent, s.totalBytes);
    return s;
}

}  // namespace skyweave
