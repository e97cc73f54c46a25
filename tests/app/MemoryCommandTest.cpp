// skyweave-cli memory, run as a real process so SKYWEAVE_PROC_ROOT and the other variables apply.
#include <gtest/gtest.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <cmath>

#include "FakeProcRoot.h"

using skyweave::test::FakeProcRoot;
using skyweave::test::kMiB;

namespace {

struct Result {
    int code = -1;
    QByteArray out;
    QString err;
};

Result runMemory(const QStringList& args, const std::map<QString, QString>& env = {}) {
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    for (const char* v : {"SKYWEAVE_PROC_ROOT", "SKYWEAVE_MAX_MEMORY_MB", "SKYWEAVE_MEMORY_WARNING_THRESHOLD",
                          "SKYWEAVE_MEMORY_CRITICAL_THRESHOLD", "GOES_VFI_MAX_MEMORY_MB",
                          "GOES_VFI_MEMORY_WARNING_THRESHOLD", "GOES_VFI_MEMORY_CRITICAL_THRESHOLD"})
        e.remove(v);
    for (const auto& [k, v] : env) e.insert(k, v);
    p.setProcessEnvironment(e);
    p.start(SKYWEAVE_CLI_PATH, QStringList{"memory"} + args);
    EXPECT_TRUE(p.waitForFinished(30000));
    return {p.exitCode(), p.readAllStandardOutput(), QString::fromUtf8(p.readAllStandardError())};
}

QJsonObject jsonOf(const Result& r) {
    QJsonParseError error{};
    const auto doc = QJsonDocument::fromJson(r.out, &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << r.out.toStdString();
    return doc.object();
}

/// MemTotal and MemAvailable of the real /proc/meminfo, in MB.
std::pair<double, double> realMeminfoMb() {
    QFile f("/proc/meminfo");
    EXPECT_TRUE(f.open(QIODevice::ReadOnly));
    double total = 0;
    double available = 0;
    for (const QByteArray& line : f.readAll().split('\n')) {
        const auto parts = line.simplified().split(' ');
        if (parts.size() < 2) continue;
        if (parts[0] == "MemTotal:") total = parts[1].toDouble() / 1024.0;
        if (parts[0] == "MemAvailable:") available = parts[1].toDouble() / 1024.0;
    }
    return {total, available};
}

}  // namespace

TEST(MemoryCommand, JsonReportsExactlyTheFakeFilesAndTheirLevel) {
    struct Row {
        std::uint64_t totalMb, availableMb;
        const char* level;
        double usedPercent;
    };
    for (const Row row :
         {Row{8000, 2000, "normal", 75.0}, Row{2000, 400, "low", 80.0}, Row{7500, 150, "critical", 98.0}}) {
        FakeProcRoot fake;
        fake.setSystem(row.totalMb, row.availableMb);
        fake.setProcess(123, 456);
        const auto r =
            runMemory({"--json"}, {{"SKYWEAVE_PROC_ROOT", QString::fromStdString(fake.root().string())}});
        ASSERT_EQ(r.code, 0) << r.err.toStdString();
        const QJsonObject o = jsonOf(r);
        const QStringList expectedKeys{"available_mb", "cgroup_limit_mb", "critical_mb",
                                       "level",        "process_peak_mb", "process_rss_mb",
                                       "total_mb",     "used_percent",    "warning_mb"};
        EXPECT_EQ(o.keys(), expectedKeys);
        EXPECT_EQ(o["level"].toString().toStdString(), row.level);
        EXPECT_EQ(o["total_mb"].toInteger(), static_cast<qint64>(row.totalMb));
        EXPECT_EQ(o["available_mb"].toInteger(), static_cast<qint64>(row.availableMb));
        EXPECT_DOUBLE_EQ(o["used_percent"].toDouble(), row.usedPercent);
        EXPECT_EQ(o["process_rss_mb"].toInteger(), 123);
        EXPECT_EQ(o["process_peak_mb"].toInteger(), 456);
        EXPECT_TRUE(o["cgroup_limit_mb"].isNull());
        EXPECT_EQ(o["warning_mb"].toInteger(), 500);
        EXPECT_EQ(o["critical_mb"].toInteger(), 200);
    }
}

TEST(MemoryCommand, CgroupLimitAndThresholdOverridesShowUp) {
    FakeProcRoot fake;
    fake.setSystem(16000, 12000);
    fake.setCgroupV2("job", std::to_string(2048 * kMiB), 1448 * kMiB);
    const auto r =
        runMemory({"--json"}, {{"SKYWEAVE_PROC_ROOT", QString::fromStdString(fake.root().string())},
                               {"SKYWEAVE_MEMORY_WARNING_THRESHOLD", "700"},
                               {"GOES_VFI_MEMORY_CRITICAL_THRESHOLD", "100"}});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QJsonObject o = jsonOf(r);
    EXPECT_EQ(o["cgroup_limit_mb"].toInteger(), 2048);
    EXPECT_EQ(o["total_mb"].toInteger(), 2048);
    EXPECT_EQ(o["available_mb"].toInteger(), 600);
    EXPECT_EQ(o["level"].toString(), "low");  // 600 MB < 700 MB warning
    EXPECT_EQ(o["warning_mb"].toInteger(), 700);
    EXPECT_EQ(o["critical_mb"].toInteger(), 100);

    const auto text = runMemory({}, {{"SKYWEAVE_PROC_ROOT", QString::fromStdString(fake.root().string())},
                                     {"SKYWEAVE_MEMORY_WARNING_THRESHOLD", "700"}});
    ASSERT_EQ(text.code, 0);
    EXPECT_TRUE(text.out.contains("Memory level:  low")) << text.out.toStdString();
    EXPECT_TRUE(text.out.contains("Cgroup limit:  2048 MB (1448 MB in use)")) << text.out.toStdString();
}

TEST(MemoryCommand, JsonAgreesWithProcMeminfoWithinTwoPercent) {
    const auto before = realMeminfoMb();
    const auto r = runMemory({"--json"});
    const auto after = realMeminfoMb();
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QJsonObject o = jsonOf(r);
    const double total = o["total_mb"].toDouble();
    const double available = o["available_mb"].toDouble();
    const double limit = o["cgroup_limit_mb"].isNull() ? 1e300 : o["cgroup_limit_mb"].toDouble();
    const double meanAvailable = (before.second + after.second) / 2.0;
    if (limit < before.first) {
        // Under a cgroup limit smaller than the machine the figures are the cgroup's: bounded by meminfo.
        EXPECT_DOUBLE_EQ(total, limit);
        EXPECT_LE(available, 1.02 * meanAvailable);
        return;
    }
    EXPECT_LE(std::abs(total - before.first), 0.02 * before.first);
    EXPECT_LE(std::abs(available - meanAvailable), 0.02 * meanAvailable)
        << available << " MB vs " << meanAvailable << " MB in /proc/meminfo";
}

TEST(MemoryCommand, BadEnvironmentValueIsReportedAndTheDefaultUsed) {
    FakeProcRoot fake;
    fake.setSystem(8000, 2000);
    const auto r =
        runMemory({"--json"}, {{"SKYWEAVE_PROC_ROOT", QString::fromStdString(fake.root().string())},
                               {"SKYWEAVE_MEMORY_WARNING_THRESHOLD", "half"}});
    EXPECT_EQ(r.code, 0);
    EXPECT_TRUE(r.err.contains("SKYWEAVE_MEMORY_WARNING_THRESHOLD=\"half\" is not a whole number of MB"))
        << r.err.toStdString();
    EXPECT_EQ(jsonOf(r)["warning_mb"].toInteger(), 500);
}

TEST(MemoryCommand, UnreadableRootFailsNamingTheFile) {
    FakeProcRoot empty;
    const auto r = runMemory({}, {{"SKYWEAVE_PROC_ROOT", QString::fromStdString(empty.root().string())}});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.startsWith("skyweave-cli memory: ")) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains("proc/meminfo: cannot read")) << r.err.toStdString();
}

TEST(MemoryCommand, UsageErrors) {
    EXPECT_EQ(runMemory({"--watch", "soon"}).code, 2);
    EXPECT_EQ(runMemory({"--watch", "0"}).code, 2);
    EXPECT_EQ(runMemory({"--frobnicate"}).code, 2);
    EXPECT_EQ(runMemory({"extra"}).code, 2);
    const auto help = runMemory({"--help"});
    EXPECT_EQ(help.code, 0);
    EXPECT_TRUE(help.out.contains("--watch <SECONDS>"));
}

TEST(MemoryCommand, WatchPrintsLinesUntilInterruptedAndExitsZero) {
    FakeProcRoot fake;
    fake.setSystem(2000, 400);
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert("SKYWEAVE_PROC_ROOT", QString::fromStdString(fake.root().string()));
    p.setProcessEnvironment(e);
    p.start(SKYWEAVE_CLI_PATH, {"memory", "--json", "--watch", "0.1"});
    ASSERT_TRUE(p.waitForStarted());
    QByteArray out;
    while (out.count('\n') < 2 && p.waitForReadyRead(10000)) out += p.readAllStandardOutput();
    ASSERT_GE(out.count('\n'), 2) << out.toStdString();
    p.terminate();  // SIGTERM: handled like Ctrl-C
    ASSERT_TRUE(p.waitForFinished(10000));
    out += p.readAllStandardOutput();
    EXPECT_EQ(p.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(p.exitCode(), 0);
    for (const QByteArray& line : out.trimmed().split('\n'))
        EXPECT_EQ(QJsonDocument::fromJson(line).object()["level"].toString(), "low") << line.toStdString();
}
