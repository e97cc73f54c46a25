#include "jobs/SampleJob.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace skyweave {

namespace {

/// The manifest of a sample folder written earlier, if it looks complete (the output of
/// SampleGenerator is identical for identical options, so an earlier run can be reused).
std::optional<sample::SampleManifest> existingSample(const QString& outDir) {
    const QDir fitsDir(outDir + QLatin1Char('/') + QLatin1String(sample::SampleGenerator::kFitsFolder));
    const QDir loopDir(outDir + QLatin1Char('/') + QLatin1String(sample::SampleGenerator::kLoopFolder));
    QFile truth(fitsDir.filePath(QStringLiteral("truth.json")));
    if (!truth.open(QIODevice::ReadOnly)) return std::nullopt;
    const QJsonObject json = QJsonDocument::fromJson(truth.readAll()).object();
    sample::SampleManifest m;
    m.outDir = outDir.toStdString();
    m.fitsDir = fitsDir.absolutePath().toStdString();
    m.loopDir = loopDir.absolutePath().toStdString();
    m.objectName = json.value(QStringLiteral("asteroid")).toObject().value(QStringLiteral("name")).toString().toStdString();
    m.ephemerisCsv = fitsDir.filePath(QStringLiteral("ephemeris.csv")).toStdString();
    m.truthJson = truth.fileName().toStdString();
    for (const QString& f : fitsDir.entryList({QStringLiteral("light_*.fits")}, QDir::Files, QDir::Name))
        m.fitsFrames.emplace_back(fitsDir.filePath(f).toStdString());
    for (const QString& f : loopDir.entryList({QStringLiteral("*.png")}, QDir::Files, QDir::Name))
        m.loopFrames.emplace_back(loopDir.filePath(f).toStdString());
    const sample::SampleOptions defaults;
    const bool complete = !m.objectName.empty() &&
                          m.fitsFrames.size() == static_cast<std::size_t>(defaults.fits.frameCount) &&
                          m.loopFrames.size() == static_cast<std::size_t>(defaults.loop.frameCount) &&
                          QFile::exists(fitsDir.filePath(QStringLiteral("ephemeris.csv")));
    if (!complete) return std::nullopt;
    return m;
}

}  // namespace

SampleJob::SampleJob(QString outDir, sample::SampleOptions options, bool reuseComplete, QObject* parent)
    : Job(tr("Preparing the sample data"), parent), outDir_(std::move(outDir)), options_(std::move(options)), reuseComplete_(reuseComplete) {}

QString SampleJob::execute() {
    if (reuseComplete_)
        if (auto existing = existingSample(outDir_)) {
            manifest_ = std::move(*existing);
            return tr("Sample data from %1").arg(outDir_);
        }
    sample::SampleOptions options = options_;
    if (reuseComplete_) options.overwrite = true;  // a partial earlier run is simply rewritten
    manifest_ = sample::SampleGenerator(options).generate(outDir_.toStdString(), *this, cancelToken());
    return tr("Sample data written to %1: %2 FITS frames, %3 loop frames")
        .arg(outDir_)
        .arg(manifest_.fitsFrames.size())
        .arg(manifest_.loopFrames.size());
}

}  // namespace skyweave
