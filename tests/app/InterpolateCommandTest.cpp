#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "TempDir.h"

namespace {

struct CliRun {
    int code = -1;
    QString out;
    QString err;
};

CliRun cli(const QStringList& args) {
    QProcess p;
    p.start(SKYWEAVE_CLI_PATH, args);
    p.waitForFinished(120000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QString writeFrames(const skyweave::test::TempDir& dir, int n, bool cut = false) {
    const auto folder = dir.file("in");
    std::filesystem::create_directory(folder);
    for (int k = 0; k < n; ++k) {
        cv::Mat f(72, 96, CV_8UC3, cv::Scalar(40, 60, 80));
        cv::circle(f, cv::Point(20 + 4 * k, 36), 10, cv::Scalar(220, 200, 180), cv::FILLED, cv::LINE_AA);
        if (cut && k == n - 1) f = cv::Scalar(255, 255, 255) - f;
        cv::imwrite((folder / ("sat_2024010" + std::to_string(k) + "_120000.png")).string(), f);
    }
    return QString::fromStdString(folder.string());
}

int countFiles(const std::filesystem::path& dir) {
    int n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
    return n;
}

}  // namespace

TEST(InterpolateCommand, FramesOutWithJsonSummary) {
    skyweave::test::TempDir dir;
    const QString in = writeFrames(dir, 4, /*cut=*/true);
    const QString out = QString::fromStdString(dir.file("frames").string());
    const CliRun r = cli({"interpolate", in, "--frames-out", out, "--factor", "3", "--json", "--memory-limit", "300M"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    EXPECT_EQ(o["framesIn"].toInt(), 4);
    EXPECT_EQ(o["framesOut"].toInt(), 10);
    EXPECT_EQ(o["blendFallbackPairs"].toArray(), QJsonArray({2}));  // the last pair is a scene cut
    EXPECT_GT(o["peakRssBytes"].toDouble(), 0.0);
    EXPECT_GE(o["seconds"].toDouble(), 0.0);
    EXPECT_EQ(countFiles(dir.file("frames")), 10);
    EXPECT_TRUE(r.err.contains("frames/s")) << r.err.toStdString();
}

TEST(InterpolateCommand, EncodeAliasWritesAVideoWithEveryFrame) {
    skyweave::test::TempDir dir;
    const QString in = writeFrames(dir, 5);
    const QString out = QString::fromStdString(dir.file("loop.mkv").string());
    const CliRun r = cli({"encode", in, "-o", out, "--codec", "ffv1", "--json"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    EXPECT_EQ(o["framesOut"].toInt(), 5);
    EXPECT_TRUE(std::filesystem::exists(dir.file("loop.mkv")));
}

TEST(InterpolateCommand, UsageAndInputErrors) {
    skyweave::test::TempDir dir;
    const QString in = writeFrames(dir, 2);
    EXPECT_EQ(cli({"interpolate", in}).code, 2);  // no output
    EXPECT_EQ(cli({"interpolate", in, "--frames-out", "x", "--factor", "17"}).code, 2);
    EXPECT_EQ(cli({"interpolate", in, "--frames-out", "x", "--method", "magic"}).code, 2);
    EXPECT_EQ(cli({"interpolate", in, "--frames-out", "x", "--memory-limit", "lots"}).code, 2);
    const CliRun tooBig = cli({"interpolate", in, "--frames-out", QString::fromStdString(dir.file("o").string()),
                            "--crop", "0,0,500,500"});
    EXPECT_EQ(tooBig.code, 1);
    EXPECT_TRUE(tooBig.err.contains("does not lie inside")) << tooBig.err.toStdString();
    EXPECT_FALSE(std::filesystem::exists(dir.file("o")));
}

namespace {
// "… 12.3 MB per worker …" from the plan line that --verbose logs.
double perWorkerMb(const QString& err) {
    const QRegularExpression re(QStringLiteral("([0-9.]+) MB per worker"));
    const auto m = re.match(err);
    return m.hasMatch() ? m.captured(1).toDouble() : -1.0;
}
}  // namespace

TEST(InterpolateCommand, FlowLevelSizeIsTheUsersChoice) {
    skyweave::test::TempDir dir;
    const auto folder = dir.file("big");
    std::filesystem::create_directory(folder);
    for (int k = 0; k < 2; ++k) {
        cv::Mat f(600, 800, CV_8UC1, cv::Scalar(30));
        cv::circle(f, cv::Point(300 + 6 * k, 300), 40, cv::Scalar(220), cv::FILLED, cv::LINE_AA);
        cv::imwrite((folder / ("f" + std::to_string(k) + ".png")).string(), f);
    }
    const QString in = QString::fromStdString(folder.string());
    const auto run = [&](const QString& mpx, const char* out) {
        return cli({"interpolate", in, "--frames-out", QString::fromStdString(dir.file(out).string()), "--verbose",
                    "--flow-mpx", mpx});
    };
    const CliRun coarse = run("0.05", "coarse");
    const CliRun full = run("0", "full");
    ASSERT_EQ(coarse.code, 0) << coarse.err.toStdString();
    ASSERT_EQ(full.code, 0) << full.err.toStdString();
    // A full-resolution field costs each worker more than one on a 0.05 Mpx copy of a 0.48 Mpx frame.
    EXPECT_GT(perWorkerMb(full.err), 1.5 * perWorkerMb(coarse.err)) << full.err.toStdString() << coarse.err.toStdString();
    EXPECT_GT(perWorkerMb(coarse.err), 0.0);
    EXPECT_EQ(countFiles(dir.file("full")), 3);
    EXPECT_EQ(run("-1", "bad").code, 2);
    EXPECT_EQ(run("lots", "bad").code, 2);
}
