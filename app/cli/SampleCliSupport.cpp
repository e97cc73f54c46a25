#include "SampleCliSupport.h"

#include <QJsonArray>

namespace skyweave::cli {

namespace {

constexpr int kMaxFrames = 1000;

QString firstAndLast(const std::vector<std::filesystem::path>& files) {
    if (files.empty()) return {};
    if (files.size() == 1) return qpath(files.front().filename());
    return qpath(files.front().filename()) + " … " + qpath(files.back().filename());
}

std::optional<int> readCount(const QCommandLineParser& parser, const QString& name, int max) {
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < 1 || value > max) return std::nullopt;
    return value;
}

}  // namespace

QString qpath(const std::filesystem::path& path) { return QString::fromStdString(path.string()); }

void addSampleSizeOptions(QCommandLineParser& parser) {
    parser.addOption({"fits-frames", "Number of FITS frames (default 16).", "N"});
    parser.addOption({"loop-frames", "Number of loop PNG frames (default 24).", "N"});
    parser.addOption({"seed", "Random seed; the same seed gives byte-identical files.", "N"});
}

std::optional<QString> applySampleSizeOptions(const QCommandLineParser& parser, sample::SampleOptions& options) {
    if (parser.isSet("fits-frames")) {
        const auto n = readCount(parser, "fits-frames", kMaxFrames);
        if (!n) return QString("--fits-frames must be a whole number from 1 to %1").arg(kMaxFrames);
        options.fits.frameCount = *n;
    }
    if (parser.isSet("loop-frames")) {
        const auto n = readCount(parser, "loop-frames", kMaxFrames);
        if (!n) return QString("--loop-frames must be a whole number from 1 to %1").arg(kMaxFrames);
        options.loop.frameCount = *n;
    }
    if (parser.isSet("seed")) {
        bool ok = false;
        const qulonglong seed = parser.value("seed").toULongLong(&ok);
        if (!ok) return QString("--seed must be a non-negative whole number");
        options.fits.seed = seed;
        options.loop.seed = seed + 1;  // the two parts draw from different streams
    }
    return std::nullopt;
}

void printSampleManifest(QTextStream& out, const sample::SampleManifest& m, const sample::SampleOptions& o) {
    out << "Wrote sample data to " << qpath(m.outDir) << "\n";
    if (!m.fitsDir.empty()) {
        out << "  " << qpath(m.fitsDir) << "/\n"
            << "    " << m.fitsFrames.size() << " FITS frames " << o.fits.width << "x" << o.fits.height
            << " BITPIX -32 (" << firstAndLast(m.fitsFrames) << "), " << m.starCount << " stars, asteroid '"
            << QString::fromStdString(m.objectName) << "' moving " << o.fits.asteroidRatePxPerFrame
            << " px/frame\n"
            << "    " << qpath(m.ephemerisCsv.filename()) << "  (time,ra_deg,dec_deg)\n"
            << "    " << qpath(m.ephemerisHorizons.filename()) << "  (JPL Horizons observer table)\n"
            << "    " << qpath(m.truthJson.filename()) << "  (true asteroid positions per frame)\n";
    }
    if (!m.loopDir.empty()) {
        out << "  " << qpath(m.loopDir) << "/\n"
            << "    " << m.loopFrames.size() << " PNG frames " << o.loop.width << "x" << o.loop.height << " ("
            << firstAndLast(m.loopFrames) << "), " << o.loop.intervalMinutes << " minutes apart\n";
    }
    out.flush();
}

QJsonObject sampleManifestJson(const sample::SampleManifest& m) {
    const auto list = [](const std::vector<std::filesystem::path>& files) {
        QJsonArray array;
        for (const auto& f : files) array.append(qpath(f));
        return array;
    };
    return {{"outDir", qpath(m.outDir)},
            {"fitsDir", qpath(m.fitsDir)},
            {"fitsFrames", list(m.fitsFrames)},
            {"ephemerisCsv", qpath(m.ephemerisCsv)},
            {"ephemerisHorizons", qpath(m.ephemerisHorizons)},
            {"truthJson", qpath(m.truthJson)},
            {"object", QString::fromStdString(m.objectName)},
            {"starCount", m.starCount},
            {"loopDir", qpath(m.loopDir)},
            {"loopFrames", list(m.loopFrames)}};
}

}  // namespace skyweave::cli
