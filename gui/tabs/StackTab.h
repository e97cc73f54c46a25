#pragma once

#include <QFutureWatcher>
#include <opencv2/core/mat.hpp>

#include "tabs/JobTab.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTableView;

namespace skyweave::gui {

class FitsFileListModel;
class ImageViewerPanel;

/**
 * @brief Stack FITS frames: a file list that takes drops of files and folders, the combine,
 *        alignment, tracking and memory settings, and the result in a stretchable viewer.
 */
class StackTab : public JobTab {
    Q_OBJECT

public:
    explicit StackTab(JobController* jobs, QWidget* parent = nullptr);

    void addPaths(const QStringList& paths) override;
    [[nodiscard]] FitsFileListModel* files() const { return model_; }
    [[nodiscard]] QTableView* fileView() const { return table_; }
    /// The last "not added" explanation shown under the list (empty when none).
    [[nodiscard]] QString dropMessage() const;
    [[nodiscard]] ImageViewerPanel* resultViewer() const { return viewer_; }
    [[nodiscard]] QString outputPath() const;
    void setOutputPath(const QString& path);
    /// Tracking of a named object from an ephemeris file (as --demo sets it up).
    /// "none" | "wcs" | "stars"
    void setAlignment(const QString& mode);
    void setTracking(const QString& objectName, const QString& ephemerisPath, bool enabled);

signals:
    /// The result image is on screen (after a run, or loadResult()).
    void resultShown(QString path);

public slots:
    void loadResult(const QString& fitsPath);
    void chooseFiles();
    void chooseFolder();

protected:
    std::shared_ptr<Job> createJob(QString& error) override;
    void onJobEnded(Job::State state, const QString& message) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* buildFileArea();
    QWidget* buildForm();
    void updateEnabled();
    void removeSelected();

    FitsFileListModel* model_ = nullptr;
    QTableView* table_ = nullptr;
    QLabel* dropMessage_ = nullptr;
    QLabel* summary_ = nullptr;
    ImageViewerPanel* viewer_ = nullptr;
    QComboBox* method_ = nullptr;
    QComboBox* rejection_ = nullptr;
    QDoubleSpinBox* sigmaLow_ = nullptr;
    QDoubleSpinBox* sigmaHigh_ = nullptr;
    QSpinBox* iterations_ = nullptr;
    QComboBox* alignment_ = nullptr;
    QGroupBox* tracking_ = nullptr;
    QLineEdit* objectName_ = nullptr;
    QRadioButton* useEphemeris_ = nullptr;
    QRadioButton* useRate_ = nullptr;
    QLineEdit* ephemeris_ = nullptr;
    QDoubleSpinBox* rate_ = nullptr;
    QDoubleSpinBox* positionAngle_ = nullptr;
    QDoubleSpinBox* memoryLimit_ = nullptr;
    QSpinBox* chunkSize_ = nullptr;
    QCheckBox* forceChunked_ = nullptr;
    QLineEdit* output_ = nullptr;
    QPushButton* openFolder_ = nullptr;
    QFutureWatcher<cv::Mat>* resultLoader_ = nullptr;
    QString lastOutput_;
};

}  // namespace skyweave::gui
