#include "SequencePreview.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <algorithm>
#include <exception>
#include <opencv2/core.hpp>

#include "LatestTask.h"
#include "common/Errors.h"
#include "interp/FrameInterpolator.h"
#include "interp/InterpolationPipeline.h"
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

SequencePreview::SequencePreview(QObject* parent)
    : QObject(parent), previews_(new LatestTask(this)), pairs_(new LatestTask(this)) {
    qRegisterMetaType<SequencePreviewResult>("skyweave::gui::SequencePreviewResult");
    qRegisterMetaType<PairPreviewResult>("skyweave::gui::PairPreviewResult");
}

SequencePreview::~SequencePreview() = default;

void SequencePreview::load(const QStringList& inputs) {
    auto result = std::make_shared<SequencePreviewResult>();
    previews_->run(
        tr("Reading previews"), [inputs, result](const CancelToken& cancel) { *result = readPreviews(inputs, cancel); },
        [this, result] { emit previewReady(*result); },
        [this](const QString& error) {
            SequencePreviewResult r;
            r.error = error;
            emit previewReady(r);
        });
}

void SequencePreview::computePair(const QStringList& inputs, const QRect& crop, const InterpolationParams& params,
                                  int pairIndex, std::uint64_t budgetBytes) {
    if (budgetBytes == 0) budgetBytes = MemorySettings::fromEnvironment().budgetBytes();
    auto result = std::make_shared<PairPreviewResult>();
    pairs_->run(
        tr("Interpolating a pair"),
        [=](const CancelToken& cancel) { *result = interpolateOnePair(inputs, crop, params, pairIndex, budgetBytes, cancel); },
        [this, result] { emit pairReady(*result); },
        [this](const QString& error) {
            PairPreviewResult r;
            r.error = error;
            emit pairReady(r);
        });
}

bool SequencePreview::isBusy() const { return previews_->isBusy() || pairs_->isBusy(); }

}  // namespace skyweave::gui
