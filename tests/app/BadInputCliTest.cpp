// Every case of tests/data/bad/cases.tsv through the real skyweave-cli binary: the documented exit
// code (1 bad input, 2 usage), the message naming the file and the cause, and no output left behind.
#include <gtest/gtest.h>

#include <QRegularExpression>
#include <QStringList>
#include <filesystem>

#include "BadCorpusTestSupport.h"
#include "CliProcess.h"
#include "TempDir.h"

using namespace skyweave::test;
namespace fs = std::filesystem;

namespace {

using CliResult = CliProcessRun;

CliResult cli(const QStringList& args) {
    return runCliProcess(args);
}

QStringList corpusArgs(const std::vector<std::string>& names) {
    QStringList out;
    for (const auto& n : names) out << QString::fromStdString((badCorpusDir() / n).string());
    return out;
}

/// Exit 1 with "skyweave-cli CMD: …FILE…: …CAUSE…" on stderr.
void expectRefused(const CliResult& r, const BadCase& c, const char* command) {
    EXPECT_EQ(r.code, 1) << c.name << " (" << command << "): " << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("skyweave-cli %1: ").arg(command))) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QString::fromStdString(c.blamed))) << c.name << ": " << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QString::fromStdString(c.cause))) << c.name << ": " << r.err.toStdString();
}

class BadInputCli : public ::testing::TestWithParam<BadCase> {};

}  // namespace

TEST_P(BadInputCli, ExitCodeAndMessage) {
    const BadCase& c = GetParam();
    TempDir out;
    const QString stackOut = QString::fromStdString(out.file("stack.fits").string());
    const QString frames = QString::fromStdString(out.file("frames").string());
    const QStringList quiet{"--threads", "1"};
    switch (c.surface) {
        case BadSurface::Fits:
        case BadSurface::Stack:
            expectRefused(
                cli(QStringList{"stack"} + corpusArgs(c.frames()) + QStringList{"-o", stackOut} + quiet), c,
                "stack");
            break;
        case BadSurface::Wcs:
            expectRefused(cli(QStringList{"stack"} + corpusArgs(c.frames()) +
                              QStringList{"-o", stackOut, "--align", "wcs"} + quiet),
                          c, "stack");
            break;
        case BadSurface::Ephemeris:
            expectRefused(
                cli(QStringList{"stack"} + corpusArgs(c.frames()) +
                    QStringList{"-o", stackOut, "--align", "wcs", "--object", "2025 SW1", "--ephemeris",
                                QString::fromStdString((badCorpusDir() / c.blamed).string())} +
                    quiet),
                c, "stack");
            break;
        case BadSurface::Image:
        case BadSurface::Decode:
        case BadSurface::Interp:
            expectRefused(cli(QStringList{"interpolate"} + corpusArgs(c.inputs) +
                              QStringList{"--frames-out", frames, "--factor", "2"}),
                          c, "interpolate");
            break;
        case BadSurface::Ok: {
            const CliResult r =
                fs::path(c.blamed).extension() == ".fits"
                    ? cli(QStringList{"stack"} + corpusArgs(c.frames()) + QStringList{"-o", stackOut} + quiet)
                    : cli(QStringList{"interpolate"} + corpusArgs(c.inputs) +
                          QStringList{"--frames-out", frames, "--factor", "2"});
            EXPECT_EQ(r.code, 0) << c.name << ": " << r.err.toStdString();
            return;
        }
    }
    // Nothing under any output name, no temporary left next to it.
    EXPECT_TRUE(fs::is_empty(out.path())) << c.name << ": " << fs::directory_iterator(out.path())->path();
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInputCli, ::testing::ValuesIn(badCases()), badCaseTestName);

TEST(BadInputCliSpecial, StackWithGoodFramesSkipsTheBadOnesAndSaysWhy) {
    TempDir out;
    const QString stackOut = QString::fromStdString(out.file("stack.fits").string());
    const CliResult r =
        cli(QStringList{"stack"} +
            corpusArgs({"good_a.fits", "all_nan.fits", "truncated_data.fits", "good_b.fits", "good_a.fits"}) +
            QStringList{"-o", stackOut, "--threads", "1"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.contains("Stacked 2 frames (3 skipped)")) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QRegularExpression("skipped .*all_nan.fits: .*no finite pixel")))
        << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QRegularExpression("skipped .*truncated_data.fits: .*file is truncated")))
        << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QRegularExpression("skipped .*good_a.fits: given twice")))
        << r.out.toStdString();
}

TEST(BadInputCliSpecial, EncodeRefusesBadFramesLikeInterpolate) {
    // encode is interpolate --factor 1 (one code path); one header case and one decode case.
    for (const auto& c : badCases()) {
        if (c.name != "png-bomb" && c.name != "jpeg-truncated") continue;
        TempDir out;
        expectRefused(cli(QStringList{"encode"} + corpusArgs(c.inputs) +
                          QStringList{"-o", QString::fromStdString(out.file("loop.mp4").string())}),
                      c, "encode");
        EXPECT_TRUE(std::filesystem::is_empty(out.path()));
    }
}

TEST(BadInputCliSpecial, UsageErrorsExitWithTwo) {
    const QString good = QString::fromStdString((badCorpusDir() / "good_a.fits").string());
    EXPECT_EQ(cli({"stack", good, "-o", "/tmp/never.fits"}).code, 2);                        // one frame
    EXPECT_EQ(cli({"stack", good, good}).code, 2);                                           // no -o
    EXPECT_EQ(cli({"interpolate", "--factor", "2", "--frames-out", "/tmp/never"}).code, 2);  // no inputs
    EXPECT_EQ(cli({"encode", QString::fromStdString((badCorpusDir() / "loop_a.png").string())}).code,
              2);  // no -o
}
