#include <gtest/gtest.h>

#include <QString>
#include <QTextStream>
#include <fstream>

#include "CliApplication.h"
#include "CliCommand.h"
#include "CommandRegistry.h"
#include "TempDir.h"

namespace {

namespace fs = std::filesystem;

struct CliRun {
    int code = -1;
    QString out;
    QString err;
};

CliRun run(const QStringList& args) {
    CliRun r;
    QTextStream out(&r.out);
    QTextStream err(&r.err);
    r.code = skyweave::cli::runCli(QStringList{"skyweave-cli"} + args, out, err);
    return r;
}

bool registered(const QString& name) {
    for (const auto& c : skyweave::cli::createCommands())
        if (c->name() == name) return true;
    return false;
}

}  // namespace

TEST(DemoCommand, WritesTheSampleAndRunsOrSkipsEachJob) {
    skyweave::test::TempDir dir;
    const QString out = QString::fromStdString(dir.path().string());
    const auto r = run({"demo", "--out", out, "--fits-frames", "3", "--loop-frames", "2"});
    EXPECT_TRUE(fs::is_regular_file(dir.path() / "fits" / "light_003.fits"));
    EXPECT_TRUE(fs::is_regular_file(dir.path() / "loop" / "goes_20250115_033000.png"));
    EXPECT_TRUE(fs::is_directory(dir.path() / "results"));
    EXPECT_TRUE(r.out.contains("Results in " + out + "/results")) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains("kept in " + out));

    // Each job either ran in process (its command line is shown; its output exists or its failure is
    // reported) or is reported as missing from this build; the exit code is 1 exactly when a job failed.
    const std::pair<QString, fs::path> jobs[] = {
        {"stack", dir.path() / "results" / "stack_stars_median.fits"},
        {"stack", dir.path() / "results" / "stack_asteroid_median.fits"},
        {"interpolate", dir.path() / "results" / "loop_x4.mp4"}};
    for (const auto& [command, output] : jobs) {
        if (!registered(command)) {
            EXPECT_TRUE(r.out.contains("The '" + command + "' command is not available in this build yet"));
            continue;
        }
        EXPECT_TRUE(r.out.contains("$ skyweave-cli " + command + " ")) << r.out.toStdString();
        EXPECT_TRUE(fs::is_regular_file(output) || r.err.contains("'" + command + "' ended with exit code"))
            << output << "\n" << r.err.toStdString();
    }
    const bool anyFailed = r.out.contains(": FAILED");
    EXPECT_EQ(r.code, anyFailed ? skyweave::cli::kExitFailure : skyweave::cli::kExitOk) << r.err.toStdString();
}

TEST(DemoCommand, RerunKeepsEarlierResults) {
    skyweave::test::TempDir dir;
    const QString out = QString::fromStdString(dir.path().string());
    const QStringList args{"demo", "--out", out, "--fits-frames", "2", "--loop-frames", "2"};
    const auto first = run(args);
    const auto again = run(args);
    EXPECT_EQ(again.code, first.code) << again.err.toStdString();
    EXPECT_TRUE(fs::is_directory(dir.path() / "results"));
    EXPECT_TRUE(fs::is_directory(dir.path() / "results-2"));
    EXPECT_TRUE(again.out.contains("Results in " + QString::fromStdString((dir.path() / "results-2").string())));
}

TEST(DemoCommand, BadOutAndBadUsage) {
    skyweave::test::TempDir dir;
    const fs::path file = dir.file("plain-file");
    std::ofstream(file) << "x";
    const auto bad = run({"demo", "--out", QString::fromStdString(file.string())});
    EXPECT_EQ(bad.code, skyweave::cli::kExitFailure);
    EXPECT_TRUE(bad.err.contains("skyweave-cli demo: ")) << bad.err.toStdString();
    EXPECT_TRUE(bad.err.contains("exists and is not a folder"));
    EXPECT_EQ(run({"demo", "--nope"}).code, skyweave::cli::kExitUsage);
    EXPECT_EQ(run({"demo", "extra"}).code, skyweave::cli::kExitUsage);
    EXPECT_EQ(run({"demo", "--help"}).code, skyweave::cli::kExitOk);
}
