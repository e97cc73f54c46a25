// skyweave-cli stack with --align / --object / --ephemeris / --rate on `skyweave-cli sample` output.
#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <vector>

#include "CliCommand.h"
#include "CliTestRun.h"
#include "TempDir.h"
#include "fits/FitsReader.h"
#include "fits/FitsWriter.h"

namespace {

namespace fs = std::filesystem;
using skyweave::cli::kExitFailure;
using skyweave::cli::kExitOk;
using skyweave::cli::kExitUsage;

using skyweave::test::CliRun;

CliRun run(const QStringList& args) {
    return skyweave::test::runCliCommand(args);
}

QString qpath(const fs::path& p) {
    return QString::fromStdString(p.string());
}

class StackTrackingCli : public ::testing::Test {
protected:
    // One sample for the whole suite: generating it is the slow part.
    static void SetUpTestSuite() {
        dir_ = new skyweave::test::TempDir;
        const auto r =
            run({"sample", "--out", qpath(dir_->path()), "--fits-frames", "4", "--loop-frames", "1"});
        ASSERT_EQ(r.code, kExitOk) << r.err.toStdString();
        QFile truth(qpath(dir_->path() / "fits" / "truth.json"));
        ASSERT_TRUE(truth.open(QIODevice::ReadOnly));
        truth_ = new QJsonObject(QJsonDocument::fromJson(truth.readAll()).object());
    }
    static void TearDownTestSuite() {
        delete truth_;
        delete dir_;
    }
    void SetUp() override {
        fits_ = dir_->path() / "fits";
        for (int i = 1; i <= 4; ++i) frames_ << qpath(fits_ / ("light_00" + std::to_string(i) + ".fits"));
    }
    QJsonObject stackJson(const QStringList& extra, CliRun* raw = nullptr) {
        const CliRun r =
            run(QStringList{"stack"} + frames_ +
                QStringList{"-o", qpath(dir_->file("out.fits")), "--overwrite", "--json"} + extra);
        if (raw != nullptr) *raw = r;
        EXPECT_EQ(r.code, kExitOk) << r.err.toStdString();
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }
    /// The object's true pixel in frame `k` (0-based).
    [[nodiscard]] std::array<double, 2> truthPixel(int k) const {
        const QJsonObject a = (*truth_)["frames"].toArray()[k].toObject()["asteroid"].toObject();
        return {a["x"].toDouble(), a["y"].toDouble()};
    }

    static skyweave::test::TempDir* dir_;
    static QJsonObject* truth_;
    fs::path fits_;
    QStringList frames_;
};

skyweave::test::TempDir* StackTrackingCli::dir_ = nullptr;
QJsonObject* StackTrackingCli::truth_ = nullptr;

}  // namespace

TEST_F(StackTrackingCli, WcsAlignmentWithHorizonsEphemeris) {
    const QJsonObject json = stackJson(
        {"--align", "wcs", "--object", "2025 SW1", "--ephemeris", qpath(fits_ / "ephemeris_horizons.txt")});
    EXPECT_EQ(json["frames_used"].toArray().size(), 4);
    const QJsonObject reg = json["registration"].toObject();
    EXPECT_EQ(reg["align"].toString(), "wcs");
    const QJsonArray objectPixel = reg["object_pixel"].toArray();
    EXPECT_NEAR(objectPixel[0].toDouble(), truthPixel(0)[0], 0.02);
    EXPECT_NEAR(objectPixel[1].toDouble(), truthPixel(0)[1], 0.02);
    const QJsonArray frames = reg["frames"].toArray();
    ASSERT_EQ(frames.size(), 4);
    EXPECT_EQ(frames[1].toObject()["mid_exposure"].toString(), "2025-01-15T03:21:42.500");
    const double speed = (*truth_)["asteroid"].toObject()["ratePxPerFrame"].toDouble();
    const QJsonArray shift = frames[3].toObject()["object_shift_px"].toArray();
    EXPECT_NEAR(std::hypot(shift[0].toDouble(), shift[1].toDouble()), 3.0 * speed, 0.02);
    const skyweave::fits::FitsReader out(dir_->file("out.fits"));
    EXPECT_EQ(out.keyword("MOTION_TRACKED").value_or(""), "T");
    EXPECT_EQ(out.keyword("TRACKED_OBJECT").value_or(""), "2025 SW1");
    EXPECT_EQ(out.keyword("ALIGNMTH").value_or(""), "wcs");
}

TEST_F(StackTrackingCli, StarAlignmentWithRateAndPositionAngle) {
    const QJsonObject a = (*truth_)["asteroid"].toObject();
    const QString rate = QString::number(a["rateArcsecPerMin"].toDouble(), 'g', 10) + "," +
                         QString::number(a["positionAngleDeg"].toDouble(), 'g', 10);
    const QJsonObject json = stackJson({"--align", "stars", "--rate", rate});
    EXPECT_EQ(json["frames_used"].toArray().size(), 4);
    const QJsonArray frames = json["registration"].toObject()["frames"].toArray();
    for (int k = 1; k < 4; ++k) {
        const QJsonObject f = frames[k].toObject();
        EXPECT_GT(f["matched_stars"].toInt(), 20) << k;
        EXPECT_LT(f["residual_px"].toDouble(), 0.5)
            << k;  // per-star scatter of a noisy field; the fit is ~10× better
        // The shift equals the truth's per-frame velocity (the sample's sky has no distortion).
        const QJsonObject v = a["velocityPxPerFrame"].toObject();
        const QJsonArray shift = f["object_shift_px"].toArray();
        EXPECT_NEAR(shift[0].toDouble(), k * v["x"].toDouble(), 0.05) << k;
        EXPECT_NEAR(shift[1].toDouble(), k * v["y"].toDouble(), 0.05) << k;
    }
}

TEST_F(StackTrackingCli, FrameWithoutWcsIsSkippedWithItsReason) {
    const fs::path bare = dir_->file("no_wcs.fits");
    {
        skyweave::fits::FitsWriter w(bare, false);
        const int hdu = w.addImage(512, 512, skyweave::fits::FitsPixelType::Float32);
        const std::vector<float> zeros(512 * 512, 800.0f);
        w.writeRows(hdu, 0, 512, zeros.data());
        w.setKeyword(hdu, "DATE-OBS", std::string("2025-01-15T03:22:00.000"));
        w.commit();
    }
    frames_ << qpath(bare);
    const QJsonObject json = stackJson({"--align", "wcs"});
    EXPECT_EQ(json["frames_used"].toArray().size(), 4);
    const QJsonArray skipped = json["frames_skipped"].toArray();
    ASSERT_EQ(skipped.size(), 1);
    EXPECT_TRUE(skipped[0].toObject()["reason"].toString().contains("no WCS"))
        << skipped[0].toObject()["reason"].toString().toStdString();
}

TEST_F(StackTrackingCli, BadOptionsAreUsageErrorsAndBadFilesFailures) {
    const QStringList base = QStringList{"stack"} + frames_ + QStringList{"-o", qpath(dir_->file("x.fits"))};
    EXPECT_EQ(run(base + QStringList{"--align", "diagonal"}).code, kExitUsage);
    EXPECT_EQ(run(base + QStringList{"--rate", "fast"}).code, kExitUsage);
    EXPECT_EQ(run(base + QStringList{"--rate", "-1,90"}).code, kExitUsage);
    EXPECT_EQ(run(base + QStringList{"--rate", "1,90", "--ephemeris", "e.csv"}).code, kExitUsage);
    const CliRun missing = run(base + QStringList{"--ephemeris", qpath(dir_->file("missing.csv"))});
    EXPECT_EQ(missing.code, kExitFailure);
    EXPECT_TRUE(missing.err.contains("missing.csv")) << missing.err.toStdString();
    EXPECT_FALSE(fs::exists(dir_->file("x.fits")));
}
