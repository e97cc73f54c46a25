#include "StackCommand.h"

#include "common/ParamSchema.h"

#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFile>
#include <QProcess>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <set>

#include "CliProcess.h"
#include "TempDir.h"
#include "fits/FitsReader.h"
#include "fits/FitsWriter.h"
#include "sample/SampleGenerator.h"

using skyweave::parseMemorySize;
using skyweave::cli::StackCommand;

namespace {

using Run = skyweave::test::CliProcessRun;

Run cli(const QStringList& args) {
    return skyweave::test::runCliProcess(QStringList{"stack"} + args);
}

QStringList writeFrames(const skyweave::test::TempDir& dir, int n, int w = 24, int h = 16) {
    QStringList paths;
    for (int i = 0; i < n; ++i) {
        const auto path = dir.file("f" + std::to_string(i) + ".fits");
        skyweave::fits::FitsWriter writer(path, true);
        const int hdu = writer.addImage(w, h, skyweave::fits::FitsPixelType::Float32);
        std::vector<float> px(static_cast<std::size_t>(w) * h, 100.0f + i);
        if (i == 1) px[5] = 1e6f;  // a cosmic ray
        writer.writeRows(hdu, 0, h, px.data());
        writer.setKeyword(hdu, "EXPTIME", 30.0);
        writer.setKeyword(hdu, "DATE-OBS", std::string("2025-01-01T00:0") + std::to_string(i) + ":00");
        writer.commit();
        paths << QString::fromStdString(path.string());
    }
    return paths;
}

}  // namespace

TEST(StackCommand, ParsesMemoryLimits) {
    EXPECT_EQ(parseMemorySize("2"), 2ull << 30);
    EXPECT_EQ(parseMemorySize("1.5G"), 3ull << 29);
    EXPECT_EQ(parseMemorySize("512M"), 512ull << 20);
    EXPECT_EQ(parseMemorySize("256MiB"), 256ull << 20);
    EXPECT_EQ(parseMemorySize("2GB"), 2ull << 30);
    EXPECT_EQ(parseMemorySize("64k"), 64ull << 10);
    EXPECT_FALSE(parseMemorySize("lots"));
    EXPECT_FALSE(parseMemorySize("-1G"));
    EXPECT_FALSE(parseMemorySize("0"));
}

TEST(StackCommand, StacksAndPrintsJson) {
    skyweave::test::TempDir dir;
    auto args = writeFrames(dir, 5);
    std::ofstream(dir.file("bad.fits")) << "junk";
    args << QString::fromStdString(dir.file("bad.fits").string());
    const QString out = QString::fromStdString(dir.file("stack.fits").string());
    const auto r = cli(args + QStringList{"-o", out, "--method", "average", "--reject", "sigma", "--memory-limit", "64M",
                                          "--threads", "2", "--json"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const auto json = QJsonDocument::fromJson(r.out.toUtf8()).object();
    EXPECT_EQ(json["frames_used"].toArray().size(), 5);
    ASSERT_EQ(json["frames_skipped"].toArray().size(), 1);
    EXPECT_TRUE(json["frames_skipped"].toArray()[0].toObject()["reason"].toString().contains("unreadable"));
    EXPECT_GT(json["peak_rss_bytes"].toDouble(), 0);
    EXPECT_GE(json["strips"].toInt(), 1);
    EXPECT_TRUE(json.contains("seconds"));
    EXPECT_TRUE(r.err.contains("[stack]"));  // progress on stderr
    skyweave::fits::FitsReader stacked(out.toStdString());
    EXPECT_FLOAT_EQ(stacked.readImage()[5], 102.25f);  // the cosmic ray in frame 1 was rejected: mean of 100,102,103,104
    EXPECT_EQ(stacked.keyword("NCOMBINE"), "5");
    EXPECT_EQ(stacked.keyword("EXPTIME"), "150.");
}

TEST(StackCommand, ChunkedHeaderReadableByAstropy) {
    ASSERT_EQ(std::system("/usr/bin/python3 -c 'import astropy' >/dev/null 2>&1"), 0)
        << "python3-astropy is a test dependency (bash packaging/install-deps.sh)";
    skyweave::test::TempDir dir;
    const auto args = writeFrames(dir, 6);
    const QString out = QString::fromStdString(dir.file("chunked.fits").string());
    const auto r = cli(args + QStringList{"-o", out, "--method", "median", "--force-chunked", "--chunk-size", "2"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains("APPROXIMATE"));
    const std::string cmd = "/usr/bin/python3 -c \"from astropy.io import fits; import sys; h = fits.open('" + out.toStdString() +
                            "'); p = h[0].header; sys.exit(0 if p['CHUNKED_PROCESSING'] is True and p['TOTAL_CHUNKS'] == 3 "
                            "and p['NCOMBINE'] == 6 and h['COVERAGE'].data.max() == 6 else 1)\"";
    EXPECT_EQ(std::system(cmd.c_str()), 0);
}

TEST(StackCommand, UsageErrors) {
    skyweave::test::TempDir dir;
    const auto frames = writeFrames(dir, 2);
    const QString out = QString::fromStdString(dir.file("o.fits").string());
    EXPECT_EQ(cli(frames).code, 2);                                                     // no -o
    EXPECT_EQ(cli({frames[0], "-o", out}).code, 2);                                     // one frame
    EXPECT_EQ(cli(frames + QStringList{"-o", out, "--method", "mode"}).code, 2);
    EXPECT_EQ(cli(frames + QStringList{"-o", out, "--reject", "gesd"}).code, 2);
    EXPECT_EQ(cli(frames + QStringList{"-o", out, "--memory-limit", "lots"}).code, 2);
    EXPECT_EQ(cli(frames + QStringList{"-o", out, "--ephemeris", "e.txt", "--rate", "10,90"}).code, 2);
    EXPECT_EQ(cli(frames + QStringList{"-o", out, "--object", "2025 BC"}).code, 2);
    EXPECT_EQ(cli(frames + QStringList{"-o", out, "--align", "sideways"}).code, 2);
    const auto help = cli({"--help"});
    EXPECT_EQ(help.code, 0);
    for (const char* opt : {"--method", "--reject", "--sigma-low", "--sigma-high", "--iterations", "--align", "--object",
                            "--ephemeris", "--rate", "--memory-limit", "--chunk-size", "--force-chunked", "--threads", "--json", "--overwrite"})
        EXPECT_TRUE(help.out.contains(opt)) << opt;
}

TEST(StackCommand, FailuresNameTheCause) {
    skyweave::test::TempDir dir;
    const auto frames = writeFrames(dir, 2);
    const QString out = QString::fromStdString(dir.file("o.fits").string());
    std::ofstream(out.toStdString()) << "existing";
    auto r = cli(frames + QStringList{"-o", out});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains("already exists")) << r.err.toStdString();
    r = cli(frames + QStringList{"-o", frames[0], "--overwrite"});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains("never writes over an input")) << r.err.toStdString();
    r = cli({frames[0], QString::fromStdString(dir.file("nope.fits").string()), "-o", out, "--overwrite"});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains("only 1 of 2 frames are usable")) << r.err.toStdString();
}

TEST(StackCommand, AlignmentNeedsWcsAndSaysWhichFramesLackIt) {
    skyweave::test::TempDir dir;
    const auto frames = writeFrames(dir, 3);
    const QString out = QString::fromStdString(dir.file("o.fits").string());
    for (const auto& extra : {QStringList{"--align", "wcs"}, QStringList{"--rate", "10,45"}, QStringList{"--rate", "fast"}}) {
        const auto r = cli(frames + QStringList{"-o", out} + extra);
        EXPECT_NE(r.code, 0) << extra.join(' ').toStdString();
        EXPECT_FALSE(QFile::exists(out));
        if (extra[1] != "fast") {
            EXPECT_TRUE(r.err.contains("WCS")) << r.err.toStdString();
        }
    }
}

TEST(StackCommand, TracksTheSampleAsteroidWithWcsAndEphemeris) {
    skyweave::test::TempDir dir;
    skyweave::sample::SampleOptions options;
    options.writeLoop = false;
    options.fits.frameCount = 5;
    options.fits.width = options.fits.height = 160;
    options.fits.starCount = 60;
    skyweave::NullProgressSink sink;
    const auto manifest = skyweave::sample::SampleGenerator(options).generate(dir.path(), sink, skyweave::CancelToken());
    QStringList args;
    for (const auto& f : manifest.fitsFrames) args << QString::fromStdString(f.string());
    const QString out = QString::fromStdString(dir.file("tracked.fits").string());
    const QString object = QString::fromStdString(manifest.objectName);
    const auto r = cli(args + QStringList{"-o", out, "--method", "median", "--align", "wcs", "--object", object, "--ephemeris",
                                          QString::fromStdString(manifest.ephemerisHorizons.string()), "--json"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const auto used = QJsonDocument::fromJson(r.out.toUtf8()).object()["frames_used"].toArray();
    ASSERT_EQ(used.size(), 5);
    EXPECT_GT(std::abs(used[4].toObject()["dx"].toDouble()) + std::abs(used[4].toObject()["dy"].toDouble()), 0.5);
    skyweave::fits::FitsReader stacked(out.toStdString());
    EXPECT_EQ(stacked.keyword("MOTION_TRACKED"), "T");
    EXPECT_EQ(stacked.keyword("TRACKED_OBJECT"), manifest.objectName);
    EXPECT_EQ(stacked.keyword("ALIGNMTH"), "wcs");
    EXPECT_TRUE(stacked.summary().hasCelestialWcs);
}

TEST(StackCommand, ProgressJsonIsOneEventPerLineEndingWithTheWholeRun) {
    skyweave::test::TempDir dir;
    const auto frames = writeFrames(dir, 4);
    const QString out = QString::fromStdString(dir.file("events.fits").string());
    const auto r = cli(frames + QStringList{"-o", out, "--method", "median", "--progress-json"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    QJsonObject lastProgress;
    std::set<QString> units;  // checking counts frames, the combine rows: each stage says what it counts
    int events = 0;
    for (const QString& line : r.err.split('\n', Qt::SkipEmptyParts)) {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8(), &error);
        ASSERT_EQ(error.error, QJsonParseError::NoError) << "not JSON: " << line.toStdString();
        const QJsonObject o = doc.object();
        EXPECT_EQ(o["command"].toString(), "stack");
        ASSERT_TRUE(o.contains("event")) << line.toStdString();
        if (o["event"].toString() == "progress") {
            lastProgress = o;
            units.insert(o["unit"].toString());
        }
        ++events;
    }
    ASSERT_GT(events, 0);
    ASSERT_FALSE(lastProgress.isEmpty());
    EXPECT_EQ(lastProgress["done"].toInteger(), lastProgress["total"].toInteger());
    EXPECT_EQ(lastProgress["unit"].toString(), "rows");
    EXPECT_EQ(units.count("frames"), 1u);
    EXPECT_TRUE(QFile::exists(out));
}

TEST(StackCommand, OptionsEveryFrontEndCanNowSetReachTheHeader) {
    skyweave::test::TempDir dir;
    const auto frames = writeFrames(dir, 4);
    const QString out = QString::fromStdString(dir.file("opts.fits").string());
    const auto r = cli(frames + QStringList{"-o", out, "--normalize", "additive", "--weights", "exposure", "--resampling",
                                            "lanczos3", "--rejection-map", "--reject", "range", "--sigma-high", "1e6"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const auto cards = skyweave::fits::FitsReader::readSummary(dir.file("opts.fits")).headerCards;
    EXPECT_NE(cards.find("NORMALIZ= 'additive"), std::string::npos) << cards;
    EXPECT_NE(cards.find("RESAMPLE= 'lanczos3"), std::string::npos) << cards;
    EXPECT_NE(cards.find("REJRHIGH= "), std::string::npos) << cards;
    // The rejection map is an image extension after the stack.
    std::ifstream file(dir.file("opts.fits"), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    EXPECT_NE(bytes.find("XTENSION= 'IMAGE"), std::string::npos);
    EXPECT_NE(bytes.find("'REJECTED'"), std::string::npos);
    // A weight list of the wrong length is a usage error naming the option.
    const auto bad = cli(frames + QStringList{"-o", out, "--overwrite", "--weights", "1,2"});
    EXPECT_EQ(bad.code, 2);
    EXPECT_TRUE(bad.err.contains("--weights")) << bad.err.toStdString();
}
