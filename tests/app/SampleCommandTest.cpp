#include <gtest/gtest.h>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QTextStream>
#include <fstream>

#include "CliApplication.h"
#include "CliCommand.h"
#include "TempDir.h"

namespace {

namespace fs = std::filesystem;
using skyweave::cli::kExitFailure;
using skyweave::cli::kExitOk;
using skyweave::cli::kExitUsage;

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

QString qpath(const fs::path& p) { return QString::fromStdString(p.string()); }

int countFiles(const fs::path& dir, const std::string& extension) {
    int n = 0;
    for (const auto& e : fs::directory_iterator(dir)) n += e.path().extension() == extension ? 1 : 0;
    return n;
}

}  // namespace

TEST(SampleCommand, WritesFitsAndLoopFoldersAndSaysWhat) {
    skyweave::test::TempDir dir;
    const auto r = run({"sample", "--out", qpath(dir.path()), "--fits-frames", "2", "--loop-frames", "3"});
    ASSERT_EQ(r.code, kExitOk) << r.err.toStdString();
    EXPECT_EQ(countFiles(dir.path() / "fits", ".fits"), 2);
    EXPECT_EQ(countFiles(dir.path() / "loop", ".png"), 3);
    EXPECT_TRUE(fs::is_regular_file(dir.path() / "fits" / "ephemeris.csv"));
    EXPECT_TRUE(fs::is_regular_file(dir.path() / "fits" / "ephemeris_horizons.txt"));
    EXPECT_TRUE(fs::is_regular_file(dir.path() / "fits" / "truth.json"));
    EXPECT_TRUE(r.out.contains(qpath(dir.path() / "fits"))) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains("2 FITS frames 512x512"));
    EXPECT_TRUE(r.out.contains("3 PNG frames 640x480"));
    EXPECT_TRUE(r.out.contains("goes_20250115_032000.png"));
    EXPECT_TRUE(r.err.contains("Writing light_001.fits"));  // progress goes to stderr
}

TEST(SampleCommand, JsonListsEveryFile) {
    skyweave::test::TempDir dir;
    const auto r = run({"sample", "--out", qpath(dir.path()), "--fits-frames", "1", "--loop-frames", "2", "--json"});
    ASSERT_EQ(r.code, kExitOk) << r.err.toStdString();
    const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
    EXPECT_EQ(json["fitsFrames"].toArray().size(), 1);
    EXPECT_EQ(json["loopFrames"].toArray().size(), 2);
    EXPECT_EQ(json["object"].toString(), "2025 SW1");
    EXPECT_TRUE(json["ephemerisCsv"].toString().endsWith("ephemeris.csv"));
}

TEST(SampleCommand, SecondRunNeedsOverwrite) {
    skyweave::test::TempDir dir;
    const QStringList args{"sample", "--out", qpath(dir.path()), "--fits-frames", "1", "--loop-frames", "1"};
    ASSERT_EQ(run(args).code, kExitOk);
    const auto again = run(args);
    EXPECT_EQ(again.code, kExitFailure);
    EXPECT_TRUE(again.err.contains("already exists")) << again.err.toStdString();
    EXPECT_TRUE(again.err.contains("--overwrite"));
    EXPECT_EQ(run(args + QStringList{"--overwrite"}).code, kExitOk);
}

TEST(SampleCommand, OutThatIsAFileFailsWithExitOneNamingIt) {
    skyweave::test::TempDir dir;
    const fs::path file = dir.file("plain-file");
    std::ofstream(file) << "x";
    const auto r = run({"sample", "--out", qpath(file)});
    EXPECT_EQ(r.code, kExitFailure);
    EXPECT_TRUE(r.err.startsWith("skyweave-cli sample: ")) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains("plain-file: exists and is not a folder")) << r.err.toStdString();
}

TEST(SampleCommand, UsageErrorsExitTwo) {
    const auto unknown = run({"sample", "--out", "/tmp/x", "--frobnicate"});
    EXPECT_EQ(unknown.code, kExitUsage);
    EXPECT_TRUE(unknown.err.contains("frobnicate"));
    const auto missing = run({"sample"});
    EXPECT_EQ(missing.code, kExitUsage);
    EXPECT_TRUE(missing.err.contains("--out DIR is required"));
    EXPECT_EQ(run({"sample", "--out", "/tmp/x", "--fits-frames", "zero"}).code, kExitUsage);
    EXPECT_EQ(run({"sample", "--out", "/tmp/x", "--loop-frames", "0"}).code, kExitUsage);
    EXPECT_EQ(run({"sample", "--out", "/tmp/x", "stray"}).code, kExitUsage);
    const auto help = run({"sample", "--help"});
    EXPECT_EQ(help.code, kExitOk);
    EXPECT_TRUE(help.out.contains("--out <DIR>"));
}

TEST(SampleCommand, DefaultSampleFromTheBinary) {
    skyweave::test::TempDir dir;
    QProcess p;
    p.start(SKYWEAVE_CLI_PATH, {"sample", "--out", qpath(dir.path())});
    ASSERT_TRUE(p.waitForFinished(120000));
    EXPECT_EQ(p.exitCode(), 0) << p.readAllStandardError().toStdString();
    EXPECT_EQ(countFiles(dir.path() / "fits", ".fits"), 16);
    EXPECT_EQ(countFiles(dir.path() / "loop", ".png"), 24);
    EXPECT_EQ(fs::file_size(dir.path() / "fits" / "light_016.fits"), 2880u * 367);  // 512·512·4 B + header, padded
    EXPECT_TRUE(fs::is_regular_file(dir.path() / "loop" / "goes_20250115_071000.png"));
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    EXPECT_TRUE(out.contains("16 FITS frames 512x512")) << out.toStdString();
    EXPECT_TRUE(out.contains("24 PNG frames 640x480"));
}
