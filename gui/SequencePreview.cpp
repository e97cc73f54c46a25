#include "SequencePreview.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <algorithm>
#include <exception>
#include <opencv2/core.hpp>

#include "common/Errors.h"
#include "interp/FrameInterpolator.h"
#include "interp/InterpolationPipeline.h"
#include "jobs/JobRunner.h"
#include "jobs/TaskJob.h"
#include "memory/MemorySettings.h"
#include "memory/ProcReader.h"
#include "io/SequenceLoader.h"

namespace skyweave::gui {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("skyweave::gui::SequencePreview", text); }

std::vector<std::filesystem::path> toPaths(const QStringList& inputs) {
    std::vector<std::filesystem::path> paths;
    for (const QString& s : inputs) paths.emplace_back(s.toStdString());
    return paths;
}

QString formatName(const FrameFormat& f) {
    const QString depth = f.depth == CV_16U ? QStringLiteral("16-bit") : QStringLiteral("8-bit");
    return QStringLiteral("%1 %2").arg(depth, f.channels == 1 ? tr("grey") : tr("colour"));
}

SequencePreviewResult readPreviews(const QStringList& inputs, const CancelToken& cancel) {
    SequencePreviewResult r;
    try {
        const SequenceLoader loader(toPaths(inputs), SequenceParams{});
        const auto& info = loader.info();
        r.frameCount = static_cast<int>(loader.size());
        r.description = tr("%1 frames · %2 × %3 · %4 · ordered by %5")
                            .arg(r.frameCount)
                            .arg(info.sourceWidth)
                            .arg(info.sourceHeight)
                            .arg(formatName(info.format))
                            .arg(info.orderUsed == FrameOrder::Timestamp ? tr("timestamp") : tr("name"));
        const std::size_t picks[3] = {0, loader.size() / 2, loader.size() - 1};
        for (int i = 0; i < 3; ++i) {
            cancel.throwIfCancelled();
            r.frames[i] = loader.load(picks[i]);
            r.names << QString::fromStdString(info.frames[picks[i]].filename().string());
        }
    } catch (const CancelledError&) {
        throw;
    } catch (const std::exception& e) {
        r.error = QString::fromStdString(e.what());
    }
    return r;
}

PairPreviewResult interpolateOnePair(const QStringList& inputs, const QRect& crop, InterpolationParams params,
                                     int pairIndex, std::uint64_t budgetBytes, const CancelToken& cancel) {
    PairPreviewResult r;
    try {
        SequenceParams sp;
        if (crop.isValid() && !crop.isEmpty()) sp.crop = cv::Rect(crop.x(), crop.y(), crop.width(), crop.height());
        const SequenceLoader loader(toPaths(inputs), sp);
        if (loader.size() < 2) throw std::runtime_error(tr("Needs at least two frames.").toStdString());
        const std::size_t pairs = loader.size() - 1;
        const std::size_t first = pairIndex < 0 ? pairs / 2 : std::min(static_cast<std::size_t>(pairIndex), pairs - 1);
        params.factor = 2;
        // The same plan a run makes, for one pair and one worker: refused, with the amount, when even that
        // does not fit the memory limit.
        (void)InterpolationPipeline::makePlan(loader.info().format, 2, params, MemoryBudget(budgetBytes),
                                              ProcReader::sampleNow(), 1);
        cancel.throwIfCancelled();
        const cv::Mat a = loader.load(first);
        cancel.throwIfCancelled();
        const cv::Mat b = loader.load(first + 1);
        cancel.throwIfCancelled();
        const PairResult pair = interpolatePair(a, b, params);
        r.before = crossFade(a, b, 0.5);
        r.after = pair.frames.at(0);
        r.description = tr("Halfway between %1 and %2%3")
                            .arg(QString::fromStdString(loader.info().frames[first].filename().string()),
                                 QString::fromStdString(loader.info().frames[first + 1].filename().string()),
                                 pair.fellBackToBlend ? tr(" — scene change, cross-faded") : QString());
    } catch (const CancelledError&) {
        throw;
    } catch (const std::exception& e) {
        r.error = QString::fromStdString(e.what());
    }
    return r;
}

}  // namespace

SequencePreview::SequencePreview(QObject* parent) : QObject(parent), runner_(new JobRunner(2, this)) {
    qRegisterMetaType<SequencePreviewResult>("skyweave::gui::SequencePreviewResult");
    qRegisterMetaType<PairPreviewResult>("skyweave::gui::PairPreviewResult");
}

SequencePreview::~SequencePreview() {
    runner_->cancelAll();
    runner_->waitForDone();
}

template <typename Result, typename Signal>
void SequencePreview::submit(std::shared_ptr<Job>& slot, const QString& title,
                             std::function<Result(const CancelToken&)> work, Signal ready) {
    // A newer request replaces the one still running: it is cancelled, and its result never shown.
    if (slot) slot->cancel();
    auto result = std::make_shared<Result>();
    auto job = std::make_shared<TaskJob>(title, [result, work](ProgressSink&, const CancelToken& cancel) {
        *result = work(cancel);
        return QString();
    });
    Job* raw = job.get();
    connect(raw, &Job::finished, this, [this, &slot, raw, result, ready] {
        if (slot.get() != raw) return;  // replaced meanwhile
        slot.reset();
        emit(this->*ready)(*result);
    });
    connect(raw, &Job::failed, this, [this, &slot, raw, ready](const QString& error) {
        if (slot.get() != raw) return;
        slot.reset();
        Result r;
        r.error = error;
        emit(this->*ready)(r);
    });
    slot = job;
    runner_->submit(std::move(job));
}

void SequencePreview::load(const QStringList& inputs) {
    submit<SequencePreviewResult>(previewJob_, tr("Reading previews"),
                                  [inputs](const CancelToken& cancel) { return readPreviews(inputs, cancel); },
                                  &SequencePreview::previewReady);
}

void SequencePreview::computePair(const QStringList& inputs, const QRect& crop, const InterpolationParams& params,
                                  int pairIndex, std::uint64_t budgetBytes) {
    if (budgetBytes == 0) budgetBytes = MemorySettings::fromEnvironment().budgetBytes();
    submit<PairPreviewResult>(pairJob_, tr("Interpolating a pair"),
                              [=](const CancelToken& cancel) {
                                  return interpolateOnePair(inputs, crop, params, pairIndex, budgetBytes, cancel);
                              },
                              &SequencePreview::pairReady);
}

bool SequencePreview::isBusy() const { return previewJob_ != nullptr || pairJob_ != nullptr; }

}  // namespace skyweave::gui
