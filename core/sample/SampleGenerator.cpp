#include "sample/SampleGenerator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <opencv2/imgcodecs.hpp>

#include <cmath>
#include <cstdio>
#include <numbers>
#include <system_error>

#include "common/AtomicFile.h"
#include "common/Errors.h"
#include "sample/AsteroidEphemeris.h"
#include "sample/CloudLoopGenerator.h"
#include "sample/SampleFitsWriter.h"
#include "sample/StarFieldRenderer.h"
#include "sample/StarFieldScene.h"
#include "sample/UtcTime.h"

namespace skyweave::sample {

namespace fs = std::filesystem;

namespace {

/// zlib level 3: a fraction of the default level's time for files only slightly larger.
constexpr int kPngCompression = 3;

fs::path makeFolder(const fs::path& dir) {
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
        throw SkyweaveError(ErrorKind::Io, dir.string() + ": exists and is not a folder");
    fs::create_directories(dir, ec);
    if (ec) throw SkyweaveError(ErrorKind::Io, dir.string() + ": cannot create the output folder: " + ec.message());
    return dir;
}

std::string fitsFrameName(int index) {
    char name[32];
    std::snprintf(name, sizeof name, "light_%03d.fits", index + 1);
    return name;
}

QJsonObject pixelJson(PixelPosition p) { return {{"x", p.x}, {"y", p.y}}; }

QByteArray truthJson(const StarFieldScene& scene, const SampleManifest& manifest) {
    const StarFieldParams& p = scene.params;
    QJsonArray frames;
    for (std::size_t k = 0; k < scene.frames.size(); ++k) {
        const SceneFrame& f = scene.frames[k];
        QJsonArray rays;
        for (const CosmicRay& ray : f.cosmicRays)
            rays.append(QJsonObject{{"x", ray.start.x}, {"y", ray.start.y}, {"lengthPx", ray.lengthPx},
                                    {"angleDeg", ray.angleDeg}, {"peakAdu", ray.peakAdu}});
        frames.append(QJsonObject{
            {"file", QString::fromStdString(manifest.fitsFrames.at(k).filename().string())},
            {"dateObs", QString::fromStdString(isoUtc(f.startUnixSeconds, 3))},
            {"midExposure", QString::fromStdString(isoUtc(f.midUnixSeconds, 3))},
            {"mjdMid", mjdFromUnix(f.midUnixSeconds)},
            {"asteroid", pixelJson(f.asteroidPx)},
            {"asteroidRaDeg", f.asteroidSky.raDeg},
            {"asteroidDecDeg", f.asteroidSky.decDeg},
            {"jitter", pixelJson(f.jitterPx)},
            {"fwhmPx", f.fwhmPx},
            {"cosmicRays", rays}});
    }
    const double dir = p.asteroidDirectionDeg * std::numbers::pi / 180.0;
    const QJsonObject asteroid{
        {"name", QString::fromStdString(p.objectName)},
        {"ratePxPerFrame", p.asteroidRatePxPerFrame},
        {"directionDeg", p.asteroidDirectionDeg},
        {"velocityPxPerFrame", QJsonObject{{"x", p.asteroidRatePxPerFrame * std::cos(dir)},
                                           {"y", p.asteroidRatePxPerFrame * std::sin(dir)}}},
        {"rateArcsecPerMin", scene.asteroidRateArcsecPerMin()},
        {"positionAngleDeg", scene.asteroidPositionAngleDeg()},
        {"fluxAdu", p.asteroidFluxAdu}};
    const QJsonObject root{
        {"description", "True values behind the Skyweave FITS sample. Pixel positions are 0-based "
                        "(the centre of the first pixel is 0,0; add 1 for FITS pixels), at mid-exposure "
                        "(DATE-OBS + EXPTIME/2), in each frame's own pixels."},
        {"pixelOrigin", 0},
        {"frameCount", p.frameCount},
        {"width", p.width},
        {"height", p.height},
        {"seed", QString::number(p.seed)},
        {"starCount", static_cast<int>(scene.stars.size())},
        {"exposureSeconds", p.exposureSeconds},
        {"cadenceSeconds", p.cadenceSeconds},
        {"pixelScaleArcsec", p.pixelScaleArcsec},
        {"skyAdu", p.skyAdu},
        {"gainElectronsPerAdu", p.gainElectronsPerAdu},
        {"readNoiseElectrons", p.readNoiseElectrons},
        {"asteroid", asteroid},
        {"ephemeris", QJsonObject{{"csv", "ephemeris.csv"}, {"horizons", "ephemeris_horizons.txt"}}},
        {"frames", frames}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

void writePng(const fs::path& path, const cv::Mat& image, bool overwrite) {
    std::vector<unsigned char> bytes;
    if (!cv::imencode(".png", image, bytes, {cv::IMWRITE_PNG_COMPRESSION, kPngCompression}))
        throw SkyweaveError(ErrorKind::Internal, path.string() + ": PNG encoding failed");
    writeFileAtomically(path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), overwrite);
}

}  // namespace

std::vector<fs::path> SampleManifest::allFiles() const {
    std::vector<fs::path> files = fitsFrames;
    for (const fs::path& f : {ephemerisCsv, ephemerisHorizons, truthJson})
        if (!f.empty()) files.push_back(f);
    files.insert(files.end(), loopFrames.begin(), loopFrames.end());
    return files;
}

SampleGenerator::SampleGenerator(SampleOptions options) : options_(std::move(options)) {}

SampleManifest SampleGenerator::generate(const fs::path& outDir, ProgressSink& progress,
                                         const CancelToken& cancel) const {
    const StarFieldParams& fp = options_.fits;
    const CloudLoopParams& lp = options_.loop;
    const std::int64_t total =
        (options_.writeFits ? fp.frameCount + 1 : 0) + (options_.writeLoop ? lp.frameCount : 0);
    std::int64_t done = 0;
    SampleManifest manifest;
    manifest.outDir = makeFolder(outDir);

    if (options_.writeFits) {
        manifest.fitsDir = makeFolder(outDir / kFitsFolder);
        const StarFieldScene scene = buildStarFieldScene(fp);
        manifest.objectName = fp.objectName;
        manifest.starCount = static_cast<int>(scene.stars.size());
        for (int k = 0; k < fp.frameCount; ++k) {
            cancel.throwIfCancelled();
            const fs::path path = manifest.fitsDir / fitsFrameName(k);
            progress.report({done, total, "Writing " + path.filename().string()});
            writeSampleFitsFrame(path, renderStarFieldFrame(scene, k), scene, k, options_.overwrite);
            manifest.fitsFrames.push_back(path);
            ++done;
        }
        progress.report({done, total, "Writing the ephemeris and truth.json"});
        const std::vector<EphemerisRow> rows = sampleAsteroidEphemeris(scene);
        manifest.ephemerisCsv = manifest.fitsDir / "ephemeris.csv";
        writeFileAtomically(manifest.ephemerisCsv, ephemerisCsv(rows), options_.overwrite);
        manifest.ephemerisHorizons = manifest.fitsDir / "ephemeris_horizons.txt";
        writeFileAtomically(manifest.ephemerisHorizons, horizonsObserverTable(rows, fp.objectName),
                            options_.overwrite);
        manifest.truthJson = manifest.fitsDir / "truth.json";
        const QByteArray truth = truthJson(scene, manifest);
        writeFileAtomically(manifest.truthJson, std::string_view(truth.constData(), static_cast<std::size_t>(truth.size())),
                            options_.overwrite);
        ++done;
    }

    if (options_.writeLoop) {
        manifest.loopDir = makeFolder(outDir / kLoopFolder);
        CloudLoopGenerator loop(lp);
        for (int k = 0; k < lp.frameCount; ++k) {
            cancel.throwIfCancelled();
            const fs::path path = manifest.loopDir / CloudLoopGenerator::frameName(lp, k);
            progress.report({done, total, "Writing " + path.filename().string()});
            writePng(path, loop.next(), options_.overwrite);
            manifest.loopFrames.push_back(path);
            ++done;
        }
    }
    progress.report({done, total, "Sample data written"});
    return manifest;
}

}  // namespace skyweave::sample
