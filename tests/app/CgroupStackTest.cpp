// `skyweave-cli stack` inside a real memory cgroup whose limit is smaller than the dataset.
//
// Needs a memory controller this process may create child groups in: cgroup v2 (`memory.max`, with
// "memory" in the root's cgroup.subtree_control) or v1 (`memory.limit_in_bytes` under
// /sys/fs/cgroup/memory). When neither is available the test says exactly why and skips; when one
// is, every check is an assertion.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>

#include "../core/stack/StackTestFrames.h"
#include "FakeProcRoot.h"
#include "FaultSupport.h"
#include "TempDir.h"

using namespace skyweave;
namespace fs = std::filesystem;

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SKYWEAVE_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define SKYWEAVE_SANITIZED 1
#endif
#endif

namespace {

constexpr std::uint64_t kLimitBytes = 80ULL << 20;
constexpr int kFrames = 48, kSide = 768;  // 48 × 768² float32 = 108 MiB of pixels and files

std::string readText(const fs::path& p) {
    std::ifstream in(p);
    std::string s((std::istreambuf_iterator<char>(in)), {});
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

bool writeText(const fs::path& p, const std::string& text) {
    std::ofstream out(p);
    out << text;
    out.flush();
    return static_cast<bool>(out);
}

/// A child memory cgroup with a limit, removed at the end; `why` says what the machine refused.
class MemoryCgroup {
public:
    MemoryCgroup() {
        const std::string name = "skyweave-test-" + std::to_string(::getpid());
        const fs::path v2 = "/sys/fs/cgroup/unified", v2pure = "/sys/fs/cgroup";
        for (const fs::path& root : {v2pure, v2}) {
            if (!fs::exists(root / "cgroup.controllers")) continue;
            if (readText(root / "cgroup.controllers").find("memory") == std::string::npos) {
                why_ += root.string() + " (cgroup v2) has no memory controller (cgroup.controllers: \"" +
                        readText(root / "cgroup.controllers") + "\"); ";
                continue;
            }
            if (tryCreate(root / name, "memory.max", 2)) return;
        }
        const fs::path v1 = "/sys/fs/cgroup/memory";
        if (fs::exists(v1 / "memory.limit_in_bytes")) {
            if (tryCreate(v1 / name, "memory.limit_in_bytes", 1)) return;
        } else {
            why_ += "no cgroup v1 memory hierarchy at " + v1.string() + "; ";
        }
    }
    ~MemoryCgroup() {
        if (!dir_.empty()) ::rmdir(dir_.c_str());
    }
    [[nodiscard]] bool ok() const { return !dir_.empty(); }
    [[nodiscard]] const std::string& why() const { return why_; }
    [[nodiscard]] const fs::path& dir() const { return dir_; }
    [[nodiscard]] int version() const { return version_; }
    /// The kernel's high-water mark of the group's charge (anonymous memory and page cache), bytes.
    [[nodiscard]] std::uint64_t peakBytes() const {
        const std::string text =
            readText(dir_ / (version_ == 2 ? "memory.peak" : "memory.max_usage_in_bytes"));
        return text.empty() ? 0 : std::stoull(text);
    }
    [[nodiscard]] std::string oomKills() const {
        const std::string events = readText(dir_ / (version_ == 2 ? "memory.events" : "memory.oom_control"));
        const auto at = events.find("oom_kill ");
        return at == std::string::npos ? "0" : events.substr(at + 9, events.find('\n', at) - at - 9);
    }

private:
    bool tryCreate(const fs::path& dir, const char* limitFile, int version) {
        if (::mkdir(dir.c_str(), 0755) != 0) {
            why_ += "cannot create " + dir.string() + ": " + std::strerror(errno) + "; ";
            return false;
        }
        if (!writeText(dir / limitFile, std::to_string(kLimitBytes)) ||
            readText(dir / limitFile) != std::to_string(kLimitBytes)) {
            why_ += "cannot set " + (dir / limitFile).string() + "; ";
            ::rmdir(dir.c_str());
            return false;
        }
        dir_ = dir;
        version_ = version;
        return true;
    }

    fs::path dir_;
    int version_ = 0;
    std::string why_;
};

/// Runs `skyweave-cli ARGS` inside `group` (the child joins it between fork and exec).
test::ChildRun runInCgroup(const MemoryCgroup& group, const QStringList& args) {
    const std::string procs = (group.dir() / "cgroup.procs").string();
    QProcess p;
    p.setChildProcessModifier([procs] {
        // Async-signal-safe only: format our pid by hand and write it.
        char digits[24];
        int n = 0;
        for (pid_t pid = ::getpid(); pid > 0 && n < 23; pid /= 10)
            digits[n++] = static_cast<char>('0' + pid % 10);
        char text[24];
        for (int i = 0; i < n; ++i) text[i] = digits[n - 1 - i];
        const int fd = ::open(procs.c_str(), O_WRONLY);
        if (fd < 0 || ::write(fd, text, static_cast<std::size_t>(n)) != n) ::_exit(97);
        ::close(fd);
    });
    p.start(SKYWEAVE_CLI_PATH, args);
    return test::finishChild(p, 120000);
}

/// The child `stack` run with SKYWEAVE_PROC_ROOT pointing at a fake /proc and /sys.
test::ChildRun runWithProcRoot(const fs::path& root, const QStringList& args) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("SKYWEAVE_PROC_ROOT", QString::fromStdString(root.string()));
    p.setProcessEnvironment(env);
    p.start(SKYWEAVE_CLI_PATH, args);
    return test::finishChild(p, 120000);
}

}  // namespace

// A real memory cgroup where the machine lets the test make one; otherwise (not root, no memory
// controller, or a sanitizer build, whose shadow memory and 256 MB quarantine would trip an 80 MiB
// limit by themselves) the same cgroup described by a fake proc root. The plan, the warning and the
// result are checked either way; the kernel's own peak and OOM count only for a real group.
TEST(CgroupStack, StacksADatasetLargerThanItsMemoryCgroupExactly) {
    std::optional<MemoryCgroup> group;
#ifdef SKYWEAVE_SANITIZED
    const std::string noRealGroup = "sanitizer build";
#else
    group.emplace();
    const std::string noRealGroup = group->ok() ? "" : group->why();
#endif
    const bool real = group && group->ok();
    test::FakeProcRoot fake;
    if (real) {
        std::cout << "[ cgroup   ] real v" << group->version() << " " << group->dir().string() << " limit "
                  << (kLimitBytes >> 20) << " MiB\n";
    } else {
        fake.setSystem(24000, 20000);
        fake.setProcess(80, 80);
        fake.setCgroupV2("skyweave-test", std::to_string(kLimitBytes), 8ULL << 20);
        std::cout << "[ cgroup   ] described by a fake proc root (no real group: " << noRealGroup << ") limit "
                  << (kLimitBytes >> 20) << " MiB\n";
    }

    test::TempDir dir;
    const auto frames = test::writeNoisyFrames(dir.path(), kFrames, kSide, kSide, 11);
    std::uint64_t dataset = 0;
    QStringList inputs;
    for (const auto& f : frames) dataset += fs::file_size(f), inputs << QString::fromStdString(f.string());
    ASSERT_GT(dataset, kLimitBytes) << "the dataset must not fit the limit";

    const QString inside = QString::fromStdString(dir.file("inside.fits").string());
    const QString outside = QString::fromStdString(dir.file("outside.fits").string());
    // The default --memory-limit (2 GiB) on purpose: the command has to notice the cgroup by itself.
    const QStringList args = QStringList{"stack"} + inputs + QStringList{"-o", inside, "--json"};
    const auto r = real ? runInCgroup(*group, args) : runWithProcRoot(fake.root(), args);
    ASSERT_FALSE(r.crashed) << "killed (OOM kills in the cgroup: " << (real ? group->oomKills() : "-") << ")\n"
                            << r.err.toStdString();
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains("memory limit lowered")) << r.err.toStdString();
    const auto json = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const auto peakRss = static_cast<std::uint64_t>(json["peak_rss_bytes"].toDouble());
    const auto planned = static_cast<std::uint64_t>(json["planned_peak_bytes"].toDouble());
    // VmHWM counts shared library pages that other groups paid for, so it may exceed the limit without any
    // risk; the kernel's own peak of this group's charge is what the limit bounds.
    std::cout << "[ cgroup   ] dataset " << (dataset >> 20) << " MiB; cgroup peak "
              << (real ? group->peakBytes() >> 20 : 0) << " MiB (with page cache); process VmHWM " << (peakRss >> 20)
              << " MiB; planned " << (planned >> 20) << " MiB in " << json["strips"].toInt() << " strips\n";
    EXPECT_LT(planned, kLimitBytes) << "the plan ignored the cgroup";
    if (real) {
        EXPECT_EQ(group->oomKills(), "0");
        EXPECT_GT(group->peakBytes(), 0u);
        EXPECT_LE(group->peakBytes(), kLimitBytes);
    }

    const auto free = test::runCliChild(QStringList{"stack"} + inputs + QStringList{"-o", outside});
    ASSERT_EQ(free.code, 0) << free.err.toStdString();
    const auto a = test::readPixels(inside.toStdString()), b = test::readPixels(outside.toStdString());
    ASSERT_EQ(a.size(), b.size());
    EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)), 0)
        << "the cgroup changed the result";
}
