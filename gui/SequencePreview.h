#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QRect>
#include <QStringList>
#include <opencv2/core/mat.hpp>

#include "interp/InterpolationParams.h"

namespace skyweave::gui {

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
 * @brief Loads previews and computes a before/after pair off the GUI thread.
 *
 * Each request replaces the previous one's result (a newer request wins); results arrive by signal.
 * Uses core's SequenceLoader and interpolatePair, so the preview shows exactly what a run makes.
 */
class SequencePreview : public QObject {
    Q_OBJECT

public:
    explicit SequencePreview(QObject* parent = nullptr);
    ~SequencePreview() override;

    void load(const QStringList& inputs);
    /// Interpolates pair `pairIndex` (frames pairIndex and pairIndex + 1, 0-based; −1 = the middle pair).
    void computePair(const QStringList& inputs, const QRect& crop, const InterpolationParams& params, int pairIndex = -1);
    [[nodiscard]] bool isBusy() const;

signals:
    void previewReady(const skyweave::gui::SequencePreviewResult& result);
    void pairReady(const skyweave::gui::PairPreviewResult& result);

private:
    QFutureWatcher<SequencePreviewResult>* previewWatcher_ = nullptr;
    QFutureWatcher<PairPreviewResult>* pairWatcher_ = nullptr;
    int previewGeneration_ = 0;
};

}  // namespace skyweave::gui
