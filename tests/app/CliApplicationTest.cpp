#include "CliApplication.h"

#include <gtest/gtest.h>

#include <QProcess>
#include <QString>
#include <QTextStream>

#include "CliCommand.h"
#include "CliTestSupport.h"

using skyweave::test::runCli;

TEST(Cli, VersionPrintsOwnAndLibraryVersions) {
    const auto r = runCli({"--version"});
    EXPECT_EQ(r.code, skyweave::cli::kExitOk);
    EXPECT_TRUE(r.out.startsWith("skyweave-cli 0.")) << r.out.toStdString();
    for (const char* lib : {"Qt", "OpenCV", "cfitsio", "wcslib", "FFmpeg"})
        EXPECT_TRUE(r.out.contains(lib)) << lib;
}

TEST(Cli, HelpDocumentsTheExitCodes) {
    const auto r = runCli({"--help"});
    EXPECT_EQ(r.code, 0);
    EXPECT_TRUE(r.out.contains("Exit codes:"));
    EXPECT_TRUE(r.out.contains("2  bad usage"));
    EXPECT_TRUE(r.out.contains("3  cancelled"));
}

TEST(Cli, NoArgumentsIsUsageError) {
    const auto r = runCli({});
    EXPECT_EQ(r.code, skyweave::cli::kExitUsage);
    EXPECT_TRUE(r.err.contains("Usage:"));
}

TEST(Cli, UnknownCommandIsUsageErrorNamingIt) {
    const auto r = runCli({"frobnicate"});
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
