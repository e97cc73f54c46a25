#include "memory/ProcReader.h"

#include <gtest/gtest.h>

#include <QtGlobal>

#include "FakeProcRoot.h"
#include "common/Errors.h"

using skyweave::MemoryLevel;
using skyweave::MemorySettings;
using skyweave::ProcReader;
using skyweave::SkyweaveError;
using skyweave::test::FakeProcRoot;
using skyweave::test::kMiB;

TEST(ProcReader, ParsesKbAndStatFields) {
    const std::string meminfo = "MemTotal:       16384000 kB\nMemFree:  10 kB\nMemAvailable:    8192000 kB\n";
    EXPECT_EQ(ProcReader::parseKbField(meminfo, "MemTotal"), 16384000ULL * 1024);
    EXPECT_EQ(ProcReader::parseKbField(meminfo, "MemAvailable"), 8192000ULL * 1024);
    EXPECT_EQ(ProcReader::parseKbField(meminfo, "MemFree"), 10ULL * 1024);
    EXPECT_FALSE(ProcReader::parseKbField(meminfo, "SwapTotal"));
    EXPECT_FALSE(ProcReader::parseKbField(meminfo, "Mem"));  // whole keys only
    const std::string stat = "anon 100\nfile 2000\ninactive_file 1500\ntotal_inactive_file 1700\n";
    EXPECT_EQ(ProcReader::parseStatField(stat, "inactive_file"), 1500U);
    EXPECT_EQ(ProcReader::parseStatField(stat, "total_inactive_file"), 1700U);
    EXPECT_FALSE(ProcReader::parseStatField(stat, "active_file"));
}

TEST(ProcReader, LevelTableFromFakeFiles) {
    struct Row {
        std::uint64_t totalMb, availableMb;
        double usedPercent;
        MemoryLevel level;
    };
    for (const Row row : {Row{8000, 2000, 75.0, MemoryLevel::Normal}, Row{2000, 400, 80.0, MemoryLevel::Low},
                          Row{7500, 150, 98.0, MemoryLevel::Critical}}) {
        FakeProcRoot fake;
        fake.setSystem(row.totalMb, row.availableMb);
        fake.setProcess(120, 300);
        const auto s = ProcReader(fake.root()).read(MemorySettings{});
        EXPECT_EQ(s.totalBytes, row.totalMb * kMiB);
        EXPECT_EQ(s.availableBytes, row.availableMb * kMiB);
        EXPECT_DOUBLE_EQ(s.usedPercent, row.usedPercent);
        EXPECT_EQ(s.level, row.level) << row.availableMb << " MB";
        EXPECT_EQ(s.processRssBytes, 120 * kMiB);
        EXPECT_EQ(s.processPeakBytes, 300 * kMiB);
        EXPECT_FALSE(s.cgroupLimitBytes);
    }
}

TEST(ProcReader, CgroupV2MaxMeansNoLimit) {
    FakeProcRoot fake;
    fake.setSystem(16000, 12000);
    fake.setCgroupV2("user.slice/skyweave.scope", "max", 900 * kMiB);
    const auto s = ProcReader(fake.root()).read();
    EXPECT_FALSE(s.cgroupLimitBytes);
    EXPECT_EQ(s.availableBytes, 12000 * kMiB);
    EXPECT_EQ(s.totalBytes, 16000 * kMiB);
}

TEST(ProcReader, CgroupV2NumericLimitBoundsAvailableAndTotal) {
    FakeProcRoot fake;
    fake.setSystem(16000, 12000);
    fake.setCgroupV2("user.slice/skyweave.scope", std::to_string(2048 * kMiB), 1800 * kMiB);
    const auto s = ProcReader(fake.root()).read(MemorySettings{});
    ASSERT_TRUE(s.cgroupLimitBytes);
    EXPECT_EQ(*s.cgroupLimitBytes, 2048 * kMiB);
    EXPECT_EQ(*s.cgroupUsageBytes, 1800 * kMiB);
    EXPECT_EQ(s.totalBytes, 2048 * kMiB);
    EXPECT_EQ(s.availableBytes, 248 * kMiB);
    EXPECT_EQ(s.level, MemoryLevel::Low);
}

TEST(ProcReader, CgroupInactiveFileCacheIsNotCountedAsUsed) {
    FakeProcRoot fake;
    fake.setSystem(16000, 12000);
    fake.setCgroupV2("job", std::to_string(2048 * kMiB), 1800 * kMiB);
    fake.write("sys/fs/cgroup/job/memory.stat",
               "anon 100\ninactive_file " + std::to_string(1000 * kMiB) + "\n");
    const auto s = ProcReader(fake.root()).read();
    EXPECT_EQ(*s.cgroupUsageBytes, 800 * kMiB);
    EXPECT_EQ(s.availableBytes, 1248 * kMiB);
}

TEST(ProcReader, TightestAncestorLimitWins) {
    FakeProcRoot fake;
    fake.setSystem(16000, 12000);
    fake.setCgroupV2("outer/inner", "max", 100 * kMiB);
    fake.write("sys/fs/cgroup/outer/memory.max", std::to_string(1024 * kMiB));
    fake.write("sys/fs/cgroup/outer/memory.current", std::to_string(524 * kMiB));
    const auto cgroup = ProcReader(fake.root()).readCgroup();
    ASSERT_TRUE(cgroup);
    EXPECT_EQ(cgroup->limitBytes, 1024 * kMiB);
    EXPECT_EQ(cgroup->dir, fake.root() / "sys/fs/cgroup/outer");
    EXPECT_EQ(ProcReader(fake.root()).read().availableBytes, 500 * kMiB);
}

TEST(ProcReader, CgroupV1NumericAndUnlimited) {
    FakeProcRoot fake;
    fake.setSystem(16000, 12000);
    fake.setCgroupV1("docker/abc", 3000 * kMiB, 2900 * kMiB);
    auto s = ProcReader(fake.root()).read(MemorySettings{});
    ASSERT_TRUE(s.cgroupLimitBytes);
    EXPECT_EQ(*s.cgroupLimitBytes, 3000 * kMiB);
    EXPECT_EQ(s.availableBytes, 100 * kMiB);
    EXPECT_EQ(s.level, MemoryLevel::Critical);

    fake.setCgroupV1("docker/abc", 9223372036854771712ULL, 2900 * kMiB);  // the kernel's "unlimited"
    s = ProcReader(fake.root()).read();
    EXPECT_FALSE(s.cgroupLimitBytes);
    EXPECT_EQ(s.availableBytes, 12000 * kMiB);
}

TEST(ProcReader, HybridHostReadsV1MemoryBesideTheUnifiedMount) {
    FakeProcRoot fake;
    fake.setSystem(16000, 12000);
    fake.setCgroupV1("session/42", 4096 * kMiB, 1096 * kMiB, "0::/session/42\n");
    fake.write("sys/fs/cgroup/unified/session/42/cgroup.procs", "1\n");  // v2 without the memory controller
    auto s = ProcReader(fake.root()).read();
    ASSERT_TRUE(s.cgroupLimitBytes);
    EXPECT_EQ(s.availableBytes, 3000 * kMiB);

    // A v2 limit on the unified mount is honoured too when it is the tighter one.
    fake.write("sys/fs/cgroup/unified/session/42/memory.max", std::to_string(2048 * kMiB));
    fake.write("sys/fs/cgroup/unified/session/42/memory.current", std::to_string(48 * kMiB));
    const auto cgroup = ProcReader(fake.root()).readCgroup();
    ASSERT_TRUE(cgroup);
    EXPECT_EQ(cgroup->version, 2);
    EXPECT_EQ(ProcReader(fake.root()).read().availableBytes, 2000 * kMiB);
}

TEST(ProcReader, ContainerPathMissingFromItsOwnViewFallsBackToTheMount) {
    FakeProcRoot fake;
    fake.setSystem(16000, 12000);
    fake.write("proc/self/cgroup", "0::/../kubepods/pod1\n");
    fake.write("sys/fs/cgroup/memory.max", std::to_string(512 * kMiB));
    fake.write("sys/fs/cgroup/memory.current", std::to_string(112 * kMiB));
    EXPECT_EQ(ProcReader(fake.root()).read().availableBytes, 400 * kMiB);
}

TEST(ProcReader, MissingOrBrokenFilesNameTheFile) {
    FakeProcRoot empty;
    try {
        (void)ProcReader(empty.root()).read();
        FAIL() << "expected an error";
    } catch (const SkyweaveError& e) {
        EXPECT_EQ(e.kind(), skyweave::ErrorKind::Io);
        EXPECT_NE(std::string(e.what()).find("proc/meminfo: cannot read"), std::string::npos) << e.what();
    }
    FakeProcRoot garbage;
    garbage.write("proc/meminfo", "hello\n");
    EXPECT_THROW((void)ProcReader(garbage.root()).read(), SkyweaveError);

    FakeProcRoot badLimit;
    badLimit.setSystem(1000, 500);
    badLimit.setCgroupV2("x", "lots", 1);
    try {
        (void)ProcReader(badLimit.root()).read();
        FAIL() << "expected an error";
    } catch (const SkyweaveError& e) {
        EXPECT_NE(
            std::string(e.what()).find("x/memory.max: expected a number of bytes or \"max\", found \"lots\""),
            std::string::npos)
            << e.what();
    }
}

TEST(ProcReader, OldKernelWithoutMemAvailableUsesFreePlusCaches) {
    FakeProcRoot fake;
    fake.write("proc/meminfo",
               "MemTotal: 4096000 kB\nMemFree: 1024000 kB\nBuffers: 1024 kB\nCached: 100000 kB\n");
    EXPECT_EQ(ProcReader(fake.root()).read().availableBytes, (1024000ULL + 1024 + 100000) * 1024);
}

TEST(ProcReader, RealSystemGivesSaneFigures) {
    const auto s = ProcReader().read();
    EXPECT_GT(s.totalBytes, 0U);
    EXPECT_LE(s.availableBytes, s.totalBytes);
    EXPECT_GE(s.usedPercent, 0.0);
    EXPECT_LE(s.usedPercent, 100.0);
    EXPECT_GT(s.processRssBytes, 0U);
    EXPECT_GE(s.processPeakBytes, s.processRssBytes);
}

TEST(ProcReader, RootComesFromTheEnvironment) {
    FakeProcRoot fake;
    fake.setSystem(1000, 100);
    qputenv("SKYWEAVE_PROC_ROOT", fake.root().string().c_str());
    const auto s = ProcReader::sampleNow();
    qunsetenv("SKYWEAVE_PROC_ROOT");
    EXPECT_EQ(s.totalBytes, 1000 * kMiB);
    EXPECT_EQ(s.level, MemoryLevel::Critical);
    EXPECT_EQ(ProcReader::fromEnvironment().root(), std::filesystem::path("/"));
}

TEST(ProcReader, CgroupRoomLeavesOutAllFileCache) {
    FakeProcRoot fake;
    fake.setSystem(16000, 12000);
    EXPECT_FALSE(ProcReader(fake.root()).cgroupRoomBytes()) << "no cgroup: no room to report";
    fake.setCgroupV1("job", 100 * kMiB, 60 * kMiB);
    fake.write("sys/fs/cgroup/memory/job/memory.stat",
               "total_inactive_file " + std::to_string(10 * kMiB) + "\ntotal_active_file " + std::to_string(20 * kMiB) + "\n");
    // Working set 60 − 10 = 50 MiB; the active 20 MiB of cache is reclaimed before a kill too.
    EXPECT_EQ(ProcReader(fake.root()).readCgroup()->usageBytes, 50 * kMiB);
    EXPECT_EQ(ProcReader(fake.root()).cgroupRoomBytes(), 70 * kMiB);
}
