#include "CliApplication.h"

#include <gtest/gtest.h>

#include <QProcess>
#include <QString>
#include <QTextStream>

#include "CliCommand.h"

namespace {

struct CliRun {
    int code = -1;
    QString out;
    QString err;
};

CliRun run(const QStringList& args) {
    CliRun r;
    QTextStream out(&r.out);
    QTextStream err(&r.err);
    QStringList full{"skyweave-cli"};
    full += args;
    r.code = skyweave::cli::runCli(full, out, err);
    return r;
}

}  // namespace

TEST(Cli, VersionPrintsOwnAndLibraryVersions) {
    const auto r = run({"--version"});
    EXPECT_EQ(r.code, skyweave::cli::kExitOk);
    EXPECT_TRUE(r.out.startsWith("skyweave-cli 0.")) << r.out.toStdString();
    for (const char* lib : {"Qt", "OpenCV", "cfitsio", "wcslib", "FFmpeg"})
        EXPECT_TRUE(r.out.contains(lib)) << lib;
}

TEST(Cli, HelpDocumentsTheExitCodes) {
    const auto r = run({"--help"});
    EXPECT_EQ(r.code, 0);
    EXPECT_TRUE(r.out.contains("Exit codes:"));
    EXPECT_TRUE(r.out.contains("2  bad usage"));
    EXPECT_TRUE(r.out.contains("3  cancelled"));
}

TEST(Cli, NoArgumentsIsUsageError) {
    const auto r = run({});
    EXPECT_EQ(r.code, skyweave::cli::kExitUsage);
    EXPECT_TRUE(r.err.contains("Usage:"));
}

TEST(Cli, UnknownCommandIsUsageErrorNamingIt) {
    const auto r = run({"frobnicate"});
    EXPECT_EQ(r.code, skyweave::cli::kExitUsage);
    EXPECT_TRUE(r.err.contains("unknown command 'frobnicate'"));
}

TEST(Cli, BinaryExitCodesMatchTheLibrary) {
    QProcess p;
    p.start(SKYWEAVE_CLI_PATH, {"--version"});
    ASSERT_TRUE(p.waitForFinished(30000));
    EXPECT_EQ(p.exitCode(), 0);
    p.start(SKYWEAVE_CLI_PATH, {"no-such-command"});
    ASSERT_TRUE(p.waitForFinished(30000));
    EXPECT_EQ(p.exitCode(), 2);
}
