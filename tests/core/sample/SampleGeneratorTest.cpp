#include "sample/SampleGenerator.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <fitsio.h>
#include <opencv2/imgcodecs.hpp>

#include <fstream>
#include <iterator>

#include "TempDir.h"
#include "common/Errors.h"
#include "fits/FitsHandles.h"
#include "sample/StarFieldRenderer.h"
#include "sample/StarFieldScene.h"

using namespace skyweave;
using namespace skyweave::sample;

namespace {

SampleOptions smallOptions() {
    SampleOptions o;
    o.fits.frameCount = 3;
    o.fits.width = 96;
    o.fits.height = 80;
    o.fits.starCount = 20;
    o.loop.frameCount = 3;
    o.loop.width = 64;
    o.loop.height = 48;
    return o;
}

SampleManifest generate(const std::filesystem::path& dir, const SampleOptions& o = smallOptions()) {
    NullProgressSink progress;
    return SampleGenerator(o).generate(dir, progress, CancelToken{});
}

std::string readBytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

/// Opens a FITS file read-only and reads string / double keywords.
class FitsProbe {
public:
    explicit FitsProbe(const std::filesystem::path& p) {
        fitsfile* raw = nullptr;
        fits_open_file(&raw, p.c_str(), READONLY, &status_);
        file_.reset(raw);
    }
    [[nodiscard]] bool ok() const { return status_ == 0; }
    std::string text(const char* key) {
        char value[FLEN_VALUE] = {};
        int status = 0;
        fits_read_key_str(raw(), key, value, nullptr, &status);
        return status == 0 ? value : "<missing " + std::string(key) + ">";
    }
    double number(const char* key) {
        double value = 0.0;
        int status = 0;
        fits_read_key_dbl(raw(), key, &value, nullptr, &status);
        EXPECT_EQ(status, 0) << key;
        return value;
    }
    std::vector<long> shape(int& bitpix) {
        int naxis = 0;
        long axes[3] = {};
        int status = 0;
        fits_get_img_param(raw(), 3, &bitpix, &naxis, axes, &status);
        return {axes, axes + naxis};
    }
    std::vector<float> pixels(long count) {
        std::vector<float> data(static_cast<std::size_t>(count));
        int status = 0;
        fits_read_img(raw(), TFLOAT, 1, count, nullptr, data.data(), nullptr, &status);
        EXPECT_EQ(status, 0);
        return data;
    }

private:
    fitsfile* raw() { return static_cast<fitsfile*>(file_.get()); }
    fits::FitsFilePtr file_;
    int status_ = 0;
};

}  // namespace

TEST(SampleGenerator, WritesFitsFramesWithObservationAndWcsKeywords) {
    test::TempDir dir;
    const SampleManifest m = generate(dir.path());
    ASSERT_EQ(m.fitsFrames.size(), 3u);
    EXPECT_EQ(m.fitsFrames[0], dir.path() / "fits" / "light_001.fits");
    for (const auto& path : m.fitsFrames) {
        FitsProbe fits(path);
        ASSERT_TRUE(fits.ok()) << path;
        int bitpix = 0;
        EXPECT_EQ(fits.shape(bitpix), (std::vector<long>{96, 80}));
        EXPECT_EQ(bitpix, FLOAT_IMG);
        const std::string date = fits.text("DATE-OBS");
        EXPECT_EQ(date.size(), 23u) << date;  // 2025-01-15T03:20:00.250
        EXPECT_EQ(date[19], '.') << date;
        EXPECT_EQ(fits.text("OBJECT"), "2025 SW1");
        EXPECT_EQ(fits.text("FILTER"), "R");
        EXPECT_EQ(fits.text("CTYPE1"), "RA---TAN");
        EXPECT_EQ(fits.text("CTYPE2"), "DEC--TAN");
        EXPECT_EQ(fits.text("RADESYS"), "ICRS");
        EXPECT_DOUBLE_EQ(fits.number("EXPTIME"), 60.0);
        EXPECT_DOUBLE_EQ(fits.number("EQUINOX"), 2000.0);
        EXPECT_DOUBLE_EQ(fits.number("GAIN"), 1.5);
        EXPECT_NEAR(fits.number("CRPIX1"), 48.5, 1e-12);
        EXPECT_NEAR(fits.number("CRVAL2"), 22.02, 0.01);
        EXPECT_NEAR(std::hypot(fits.number("CD1_1"), fits.number("CD1_2")) * 3600.0, 1.2, 1e-9);
        EXPECT_NEAR(std::hypot(fits.number("CD2_1"), fits.number("CD2_2")) * 3600.0, 1.2, 1e-9);
    }
    FitsProbe first(m.fitsFrames[0]);
    EXPECT_EQ(first.text("DATE-OBS"), "2025-01-15T03:20:00.250");
    FitsProbe second(m.fitsFrames[1]);
    EXPECT_EQ(second.text("DATE-OBS"), "2025-01-15T03:21:12.500");
}

TEST(SampleGenerator, FitsPixelsAreTheRenderedFrame) {
    test::TempDir dir;
    const SampleOptions o = smallOptions();
    const SampleManifest m = generate(dir.path(), o);
    const StarFieldScene scene = buildStarFieldScene(o.fits);
    const cv::Mat expected = renderStarFieldFrame(scene, 2);
    FitsProbe fits(m.fitsFrames[2]);
    const std::vector<float> data = fits.pixels(96 * 80);
    const cv::Mat read(80, 96, CV_32F, const_cast<float*>(data.data()));
    EXPECT_EQ(cv::norm(read, expected, cv::NORM_INF), 0.0);
}

TEST(SampleGenerator, TruthJsonAgreesWithTheScene) {
    test::TempDir dir;
    const SampleOptions o = smallOptions();
    const SampleManifest m = generate(dir.path(), o);
    QFile file(QString::fromStdString(m.truthJson.string()));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QJsonObject truth = QJsonDocument::fromJson(file.readAll()).object();
    const StarFieldScene scene = buildStarFieldScene(o.fits);
    EXPECT_EQ(truth["starCount"].toInt(), static_cast<int>(scene.stars.size()));
    EXPECT_EQ(truth["pixelOrigin"].toInt(), 0);
    EXPECT_DOUBLE_EQ(truth["asteroid"]["ratePxPerFrame"].toDouble(), 1.5);
    EXPECT_NEAR(truth["asteroid"]["rateArcsecPerMin"].toDouble(), scene.asteroidRateArcsecPerMin(), 1e-12);
    const QJsonArray frames = truth["frames"].toArray();
    ASSERT_EQ(frames.size(), 3);
    for (int k = 0; k < 3; ++k) {
        const QJsonObject f = frames[k].toObject();
        EXPECT_EQ(f["file"].toString().toStdString(), m.fitsFrames[static_cast<std::size_t>(k)].filename().string());
        EXPECT_DOUBLE_EQ(f["asteroid"]["x"].toDouble(), scene.frames[static_cast<std::size_t>(k)].asteroidPx.x);
        EXPECT_DOUBLE_EQ(f["asteroid"]["y"].toDouble(), scene.frames[static_cast<std::size_t>(k)].asteroidPx.y);
        EXPECT_EQ(f["cosmicRays"].toArray().size(),
                  static_cast<qsizetype>(scene.frames[static_cast<std::size_t>(k)].cosmicRays.size()));
    }
    EXPECT_EQ(frames[1]["midExposure"].toString(), "2025-01-15T03:21:42.500");
    EXPECT_TRUE(std::filesystem::is_regular_file(m.ephemerisCsv));
    EXPECT_TRUE(std::filesystem::is_regular_file(m.ephemerisHorizons));
}

TEST(SampleGenerator, WritesTheLoopAsTimestampedPngs) {
    test::TempDir dir;
    const SampleManifest m = generate(dir.path());
    ASSERT_EQ(m.loopFrames.size(), 3u);
    EXPECT_EQ(m.loopFrames[2], dir.path() / "loop" / "goes_20250115_034000.png");
    for (const auto& path : m.loopFrames) {
        const cv::Mat image = cv::imread(path.string(), cv::IMREAD_UNCHANGED);
        EXPECT_EQ(image.cols, 64);
        EXPECT_EQ(image.rows, 48);
        EXPECT_EQ(image.channels(), 1);
    }
}

TEST(SampleGenerator, OutputIsByteIdenticalRunToRun) {
    test::TempDir a, b;
    const SampleManifest ma = generate(a.path());
    const SampleManifest mb = generate(b.path());
    const auto fa = ma.allFiles();
    const auto fb = mb.allFiles();
    ASSERT_EQ(fa.size(), fb.size());
    for (std::size_t i = 0; i < fa.size(); ++i) EXPECT_EQ(readBytes(fa[i]), readBytes(fb[i])) << fa[i];
}

TEST(SampleGenerator, RefusesToReplaceFilesUnlessAskedAndLeavesNoTemporaries) {
    test::TempDir dir;
    generate(dir.path());
    EXPECT_THROW(generate(dir.path()), SkyweaveError);
    SampleOptions again = smallOptions();
    again.overwrite = true;
    EXPECT_NO_THROW(generate(dir.path(), again));
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path()))
        EXPECT_NE(entry.path().filename().string().front(), '.') << entry.path();
}

TEST(SampleGenerator, OutputPathThatIsAFileIsAnIoErrorNamingIt) {
    test::TempDir dir;
    const auto blocker = dir.file("not-a-folder");
    std::ofstream(blocker) << "x";
    try {
        generate(blocker);
        FAIL() << "expected an error";
    } catch (const SkyweaveError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Io);
        EXPECT_NE(std::string(e.what()).find("not-a-folder"), std::string::npos) << e.what();
    }
}

TEST(SampleGenerator, CancelStopsBeforeTheNextFile) {
    test::TempDir dir;
    CancelToken cancel;
    cancel.requestCancel();
    NullProgressSink progress;
    EXPECT_THROW(SampleGenerator(smallOptions()).generate(dir.path(), progress, cancel), CancelledError);
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "fits" / "light_001.fits"));
}
