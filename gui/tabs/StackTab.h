#pragma once

#include <QFutureWatcher>
#include <opencv2/core/mat.hpp>

#include "common/ParamSchema.h"
#include "tabs/JobTab.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace skyweave::gui {

class FitsFileListModel;
class ImageViewerPanel;
class SchemaForm;

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
    /// The form as stack-schema values (with workers and output), exactly what a run is built from.
    [[nodiscard]] ParamValues formValues() const;
    [[nodiscard]] SchemaForm* form() const { return form_; }

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
    void onFormChanged();

    FitsFileListModel* model_ = nullptr;
    QTableView* table_ = nullptr;
    QLabel* dropMessage_ = nullptr;
    QLabel* summary_ = nullptr;
    ImageViewerPanel* viewer_ = nullptr;
    SchemaForm* form_ = nullptr;
    QLineEdit* output_ = nullptr;
    QPushButton* openFolder_ = nullptr;
    QFutureWatcher<cv::Mat>* resultLoader_ = nullptr;
    QString lastOutput_;
};

}  // namespace skyweave::gui
