#pragma once

#include <QObject>
#include <QRect>
#include <QStringList>
#include <opencv2/core/mat.hpp>

#include "interp/InterpolationParams.h"

namespace skyweave::gui {

class LatestTask;

/// First, middle and last frame of a sequence, read from the pool for the Interpolate tab.
struct SequencePreviewResult {
    QString error;          ///< non-empty when the sequence cannot be used (names file and cause)
    QString description;    ///< "24 frames · 1280 × 720 · 8-bit grey · ordered by timestamp"
    int frameCount = 0;
    QStringList names;      ///< file names of the three previews
    cv::Mat frames[3];      ///< first, middle, last at full size (as the loader returns them)
};

/// Before/after of one pair at t = ½: a plain cross-fade and the interpolated frame.
struct PairPreviewResult {
    QString error;
    QString description;
    cv::Mat before;
    cv::Mat after;
};

/**
 * @brief Loads previews and computes a before/after pair off the GUI thread, as jobs (LatestTask).
 *
 * Each request cancels the previous one of its kind (a newer request wins; the older result is never
 * shown); results arrive by signal on the GUI thread. The pair is planned like a run (memory limit,
 * one worker) and refused with the amount needed when it does not fit.
 * Uses core's SequenceLoader and interpolatePair, so the preview shows exactly what a run makes.
 */
class SequencePreview : public QObject {
    Q_OBJECT

public:
    explicit SequencePreview(QObject* parent = nullptr);
    ~SequencePreview() override;

    void load(const QStringList& inputs);
    /**
     * Interpolates pair `pairIndex` (frames pairIndex and pairIndex + 1, 0-based; −1 = the middle pair)
     * within `budgetBytes` (0: the environment's budget), planned like a run with one worker.
     */
    void computePair(const QStringList& inputs, const QRect& crop, const InterpolationParams& params, int pairIndex = -1,
                     std::uint64_t budgetBytes = 0);
    [[nodiscard]] bool isBusy() const;

signals:
    void previewReady(const skyweave::gui::SequencePreviewResult& result);
    void pairReady(const skyweave::gui::PairPreviewResult& result);

private:
    LatestTask* previews_;  ///< the latest preview request, as a job
    LatestTask* pairs_;     ///< the latest pair request, as a job
};

}  // namespace skyweave::gui
