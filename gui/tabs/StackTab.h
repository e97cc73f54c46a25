#pragma once


#include "common/ParamSchema.h"
#include "FitsImageLoader.h"
#include "tabs/JobTab.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace skyweave::gui {

class FitsFileListModel;
class LatestTask;
class ImageViewerPanel;
class SchemaForm;

/**
 * @brief Stack FITS frames: a file list that takes drops of files and folders, the combine,
 *        alignment, tracking and memory settings, and the result in a stretchable viewer.
 *
 * The list sorts by any column (a view order: frames are stacked in the order added) and a
 * double-click shows that frame in the viewer. The list comes back on the next start.
 */
class StackTab : public JobTab {
    Q_OBJECT

public:
    explicit StackTab(JobController* jobs, QWidget* parent = nullptr);

    void addPaths(const QStringList& paths) override;
    void saveSettings(AppSettings& settings) const override;
    void restoreSettings(const AppSettings& settings) override;
    [[nodiscard]] FitsFileListModel* files() const { return model_; }
    [[nodiscard]] QTableView* fileView() const { return table_; }
    /// The last "not added" explanation shown under the list (empty when none).
    [[nodiscard]] QString dropMessage() const;
    [[nodiscard]] ImageViewerPanel* resultViewer() const { return viewer_; }
    [[nodiscard]] QString outputPath() const;
    void setOutputPath(const QString& path);
    /// The output next to the frames: <folder of the first frame>/stacked.fits (empty without frames).
    [[nodiscard]] QString defaultOutputPath() const;
    /// "none" | "wcs" | "stars"
    void setAlignment(const QString& mode);
    /// Tracking of a named object from an ephemeris file (as --demo sets it up).
    void setTracking(const QString& objectName, const QString& ephemerisPath, bool enabled);
    /// The form as stack-schema values (with workers and output), exactly what a run is built from.
    [[nodiscard]] ParamValues formValues() const;
    [[nodiscard]] SchemaForm* form() const { return form_; }

signals:
    /// The result image is on screen (after a run, or loadResult()).
    void resultShown(QString path);
    /// A frame of the list is on screen (double-click on its row).
    void frameShown(QString path);

public slots:
    void loadResult(const QString& fitsPath);
    void chooseFiles();
    void chooseFolder();
    /// Shows one input frame in the viewer (read on the thread pool).
    void previewFrame(const QString& fitsPath);

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
    void showFits(const QString& fitsPath, bool isResult);
    void onImageLoaded(const LoadedFitsImage& loaded);

    FitsFileListModel* model_ = nullptr;
    QSortFilterProxyModel* sorted_ = nullptr;
    QTableView* table_ = nullptr;
    QLabel* dropMessage_ = nullptr;
    QLabel* summary_ = nullptr;
    ImageViewerPanel* viewer_ = nullptr;
    SchemaForm* form_ = nullptr;
    QLineEdit* output_ = nullptr;
    QPushButton* openFolder_ = nullptr;
    LatestTask* imageLoader_ = nullptr;  ///< the result or a frame, read as a job
    QString lastOutput_;
    QString loadingPath_;       ///< what imageLoader_ is reading
    bool loadingResult_ = false;  ///< the stack's result (else a frame of the list)
};

}  // namespace skyweave::gui
