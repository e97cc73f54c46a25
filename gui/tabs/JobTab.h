#pragma once

#include <QWidget>
#include <memory>

#include "jobs/Job.h"

class QSplitter;
class QVBoxLayout;

namespace skyweave::gui {

class AppSettings;
class JobController;
class JobProgressPanel;
class MemoryBanner;
class WorkersControl;

/**
 * @brief What the Interpolate and Stack tabs share: the memory banner on top, a work area on the
 *        left, a scrollable settings column on the right ending in Start/Cancel/progress, and the
 *        plumbing between that panel and the JobController.
 *
 * Subclasses build the job from their form (createJob) and show its result (onJobEnded). Start is
 * disabled while any job runs (one at a time); the workers control follows the running job's
 * resource adjustments.
 */
class JobTab : public QWidget {
    Q_OBJECT

public:
    JobTab(JobController* jobs, const QString& startText, const QString& unit, QWidget* parent = nullptr);

    [[nodiscard]] MemoryBanner* banner() const { return banner_; }
    [[nodiscard]] JobProgressPanel* progressPanel() const { return progress_; }
    [[nodiscard]] WorkersControl* workers() const { return workers_; }
    [[nodiscard]] bool ownsRunningJob() const { return ownJob_ != nullptr; }

    /// Files routed here by a drop anywhere on the window or by --demo.
    virtual void addPaths(const QStringList& paths) = 0;
    virtual void saveSettings(AppSettings& settings) const;
    virtual void restoreSettings(const AppSettings& settings);

public slots:
    /// Validates the form and starts the job; false (with the reason shown) when it cannot start.
    bool start();

signals:
    /// A one-line message for the main window's status bar.
    void statusMessage(QString text);

protected:
    /// The job for the current form, or nullptr with `error` set to what the user must fix.
    virtual std::shared_ptr<Job> createJob(QString& error) = 0;
    virtual void onJobEnded(Job::State state, const QString& message) { (void)state, (void)message; }

    /// True when `path` does not exist or the user agrees to replace it.
    bool confirmOverwrite(const QString& path);
    /// Places the work area (left) and the settings form (right column, above Start/progress).
    void setPanes(QWidget* workArea, QWidget* form);
    [[nodiscard]] JobController* jobs() const { return jobs_; }

private:
    JobController* jobs_;
    MemoryBanner* banner_ = nullptr;
    JobProgressPanel* progress_ = nullptr;
    WorkersControl* workers_ = nullptr;
    QSplitter* splitter_ = nullptr;
    QVBoxLayout* column_ = nullptr;
    Job* ownJob_ = nullptr;
};

}  // namespace skyweave::gui
