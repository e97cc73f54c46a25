// The track parsers and registration on what `skyweave-cli sample` writes (core/sample): both
// ephemeris files, DATE-OBS with milliseconds, per-frame TAN WCS, against the sample's truth.json.
#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

#include "TempDir.h"
#include "common/AstroTime.h"
#include "fits/FitsReader.h"
#include "sample/SampleGenerator.h"
#include "track/EphemerisReader.h"
#include "fits/HeaderCards.h"
#include "stack/StackRegistration.h"

using namespace skyweave;
using namespace skyweave::track;
using skyweave::fits::HeaderCards;

namespace {

struct TruthFrame {
    double x, y, raDeg, decDeg, midMjd;
};

class SampleDataTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir;
        sample::SampleOptions options;
        options.writeLoop = false;
        options.fits.frameCount = 6;
        options.fits.width = options.fits.height = 320;
        options.fits.starCount = 150;
        NullProgressSink sink;
        manifest_ = new sample::SampleManifest(
            sample::SampleGenerator(options).generate(dir_->path(), sink, CancelToken()));
        QFile file(QString::fromStdString(manifest_->truthJson.string()));
        ASSERT_TRUE(file.open(QIODevice::ReadOnly));
        const QJsonObject truth = QJsonDocument::fromJson(file.readAll()).object();
        truth_ = new std::vector<TruthFrame>;
        for (const QJsonValue& v : truth["frames"].toArray()) {
            const QJsonObject f = v.toObject();
            truth_->push_back({f["asteroid"].toObject()["x"].toDouble(),
                               f["asteroid"].toObject()["y"].toDouble(), f["asteroidRaDeg"].toDouble(),
                               f["asteroidDecDeg"].toDouble(), f["mjdMid"].toDouble()});
        }
    }
    static void TearDownTestSuite() {
        delete truth_;
        delete manifest_;
        delete dir_;
    }

    /// Registers the sample frames and checks that the object lands on its true pixel in every frame.
    static void checkRegistration(AlignMode align, const std::filesystem::path& ephemeris,
                                  double tolerancePx) {
        StackParams stack;
        stack.inputs = manifest_->fitsFrames;
        RegistrationParams reg;
        reg.align = align;
        MotionParams motion;
        motion.objectName = manifest_->objectName;
        motion.ephemerisPath = ephemeris.string();
        reg.motion = motion;
        NullProgressSink sink;
        const RegistrationResult r = StackRegistration::apply(stack, reg, sink, CancelToken());
        ASSERT_EQ(r.usableCount(), truth_->size());
        EXPECT_TRUE(r.notes.empty());
        ASSERT_TRUE(r.objectPixel);
        EXPECT_NEAR((*r.objectPixel)[0], truth_->front().x, tolerancePx);
        EXPECT_NEAR((*r.objectPixel)[1], truth_->front().y, tolerancePx);
        for (std::size_t k = 0; k < truth_->size(); ++k) {
            const TruthFrame& t = (*truth_)[k];
            EXPECT_NEAR((r.frames[k].midTimeMjd - t.midMjd) * 86400.0, 0.0, 1e-3) << "frame " << k;
            const auto p = stack.transforms[k].apply((*r.objectPixel)[0], (*r.objectPixel)[1]);
            EXPECT_NEAR(p[0], t.x, tolerancePx) << alignModeName(align) << " frame " << k;
            EXPECT_NEAR(p[1], t.y, tolerancePx) << alignModeName(align) << " frame " << k;
        }
    }

    static test::TempDir* dir_;
    static sample::SampleManifest* manifest_;
    static std::vector<TruthFrame>* truth_;
};

test::TempDir* SampleDataTest::dir_ = nullptr;
sample::SampleManifest* SampleDataTest::manifest_ = nullptr;
std::vector<TruthFrame>* SampleDataTest::truth_ = nullptr;

}  // namespace

TEST_F(SampleDataTest, BothEphemerisFilesMatchTheTruth) {
    const Ephemeris csv = EphemerisReader::readFile(manifest_->ephemerisCsv);
    const Ephemeris horizons = EphemerisReader::readFile(manifest_->ephemerisHorizons);
    EXPECT_NE(horizons.targetName().find(manifest_->objectName), std::string::npos) << horizons.targetName();
    for (const TruthFrame& t : *truth_) {
        EXPECT_LT(separationArcsec(csv.positionAt(t.midMjd), {t.raDeg, t.decDeg}), 0.01);
        EXPECT_LT(separationArcsec(horizons.positionAt(t.midMjd), {t.raDeg, t.decDeg}), 0.01);
    }
}

TEST_F(SampleDataTest, DateObsKeepsMilliseconds) {
    const auto summary = fits::FitsReader::readSummary(manifest_->fitsFrames[1]);
    const HeaderCards header(summary.headerCards);
    const auto dateObs = header.text("DATE-OBS");
    ASSERT_TRUE(dateObs);
    EXPECT_EQ(dateObs->size(), 23u) << *dateObs;  // YYYY-MM-DDThh:mm:ss.sss
    EXPECT_NEAR((*AstroTime::parseIsoToMjd(*dateObs) + 30.0 / 86400.0 - (*truth_)[1].midMjd) * 86400.0, 0.0,
                1e-3);
}

TEST_F(SampleDataTest, WcsRegistrationPutsTheAsteroidOnItsTruePixels) {
    checkRegistration(AlignMode::Wcs, manifest_->ephemerisHorizons, 0.02);
    checkRegistration(AlignMode::None, manifest_->ephemerisCsv, 0.02);
}

TEST_F(SampleDataTest, StarRegistrationPutsTheAsteroidOnItsTruePixels) {
    checkRegistration(AlignMode::Stars, manifest_->ephemerisCsv, 0.1);
}
