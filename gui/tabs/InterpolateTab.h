#pragma once

#include "tabs/JobTab.h"
#include "tabs/InterpolateJobBuilder.h"

#include <opencv2/core/mat.hpp>
#include <optional>

#include "common/ParamSchema.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace skyweave::gui {

class BeforeAfterView;
class FramePreviewStrip;
class SchemaForm;
class ImageViewerPanel;
class PairComparePanel;
class VideoResultBar;
class SequencePreview;
struct PairPreviewResult;
struct SequencePreviewResult;

/**
 * @brief Interpolate an image sequence into a video: inputs (button or drop), output, factor,
 *        method, quality, video options, crop drawn on the preview, previews of first/middle/last
 *        frames, a before/after comparison of any pair, the video's frame count and length before
 *        a run and Play / Open folder after it.
 */
class InterpolateTab : public JobTab {
    Q_OBJECT

public:
    explicit InterpolateTab(JobController* jobs, QWidget* parent = nullptr);

    void addPaths(const QStringList& paths) override;
    void setOutputPath(const QString& path);
    void setFactor(int factor);
    [[nodiscard]] QStringList inputs() const;
    /// The form as core's request (what Start would run); defaults where the form cannot be read.
    [[nodiscard]] InterpolateRequest request() const;
    /// The form as interpolate-schema values (with output, crop and workers), what a run is built from.
    [[nodiscard]] ParamValues formValues() const;
    [[nodiscard]] SchemaForm* form() const { return form_; }
    [[nodiscard]] QRect crop() const;
    void setCrop(const QRect& rect);
    [[nodiscard]] QString inputDescription() const;
    [[nodiscard]] SequencePreview* preview() const { return preview_; }
    [[nodiscard]] BeforeAfterView* beforeAfter() const;
    [[nodiscard]] PairComparePanel* comparePanel() const { return compare_; }
    [[nodiscard]] VideoResultBar* videoBar() const { return videoBar_; }
    [[nodiscard]] ImageViewerPanel* previewViewer() const { return viewer_; }
    /// The video next to the inputs: <input folder>/<folder name>_x<factor>.mp4 (empty without inputs).
    [[nodiscard]] QString defaultOutputPath(const QStringList& images) const;
    void restoreSettings(const AppSettings& settings) override;

signals:
    /// The preview frames, or the error naming the frame that cannot be used, are on screen.
    void previewShown();

public slots:
    void computeBeforeAfter();

protected:
    std::shared_ptr<Job> createJob(QString& error) override;
    void onJobEnded(Job::State state, const QString& message) override;

private:
    QWidget* buildWorkArea();
    QWidget* buildForm();
    void reloadPreview();
    void onPreview(const SequencePreviewResult& result);
    void onPair(const PairPreviewResult& result);
    void onCodecChanged();
    void showFrame(int index);
    [[nodiscard]] std::optional<InterpolateRequest> buildRequest(QString& error) const;
    void updatePlan();
    void forgetLastSequence();

    SequencePreview* preview_ = nullptr;
    FramePreviewStrip* strip_ = nullptr;
    QTabWidget* views_ = nullptr;
    ImageViewerPanel* viewer_ = nullptr;
    PairComparePanel* compare_ = nullptr;
    VideoResultBar* videoBar_ = nullptr;
    int frameCount_ = 0;
    QStringList shownInputs_;  ///< the inputs the previews on screen belong to
    QLineEdit* input_ = nullptr;
    QLabel* inputInfo_ = nullptr;
    QLineEdit* output_ = nullptr;
    SchemaForm* form_ = nullptr;
    QSpinBox* factor_ = nullptr;
    QComboBox* method_ = nullptr;
    QComboBox* codec_ = nullptr;
    QSpinBox* crf_ = nullptr;
    QComboBox* preset_ = nullptr;
    QLineEdit* cropEdit_ = nullptr;
    QPushButton* drawCrop_ = nullptr;
    cv::Mat previewFrames_[3];
    QString previewNames_[3];
};

}  // namespace skyweave::gui
