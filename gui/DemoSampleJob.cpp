#include "DemoSampleJob.h"

namespace skyweave::gui {

DemoSampleJob::DemoSampleJob(QString outDir, QObject* parent)
    : Job(tr("Preparing the sample data"), parent), outDir_(std::move(outDir)) {}

QString DemoSampleJob::execute() {
    sample::SampleOptions options;
    options.overwrite = true;  // the output is identical for identical options, so rewriting is safe
    manifest_ = sample::SampleGenerator(options).generate(outDir_.toStdString(), *this, cancelToken());
    return tr("Sample data ready in %1: %2 FITS frames, %3 loop frames")
        .arg(outDir_)
        .arg(manifest_.fitsFrames.size())
        .arg(manifest_.loopFrames.size());
}

}  // namespace skyweave::gui
