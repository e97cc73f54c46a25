#pragma once

#include <QMainWindow>
#include <memory>

#include "jobs/Job.h"

class QAction;
class QTabWidget;

namespace skyweave {
class MemoryMonitor;
}

namespace skyweave::gui {

class AppSettings;
class HelpDialog;
class InterpolateTab;
class JobController;
class JobTab;
class LogDock;
class MemoryAlerts;
class MemoryChartDock;
class MemoryStatusWidget;
class StackTab;

/**
 * @brief The application window: Interpolate and Stack tabs, Log and Memory docks, the memory
 *        status bar, menus and shortcuts.
 *
 * Renders core state (MemoryMonitor samples, Job progress) and forwards user intent to core Jobs
 * through the JobController; it does no processing itself. Files dropped anywhere on the window
 * go to the tab that handles them. Every setting and the geometry are saved on close and restored
 * on start. Closing while a job runs asks first, then cancels and closes once the job has ended.
 */
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    /// First-start height of the Log/Memory docks: enough for the memory chart's axis labels.
    static constexpr int kFirstDockHeight = 180;
    /// A first window lower than this starts with the Log and Memory docks closed.
    static constexpr int kCompactWindowHeight = 760;

    explicit MainWindow(AppSettings& settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] QTabWidget* tabs() const { return tabs_; }
    [[nodiscard]] InterpolateTab* interpolateTab() const { return interpolateTab_; }
    [[nodiscard]] StackTab* stackTab() const { return stackTab_; }
    [[nodiscard]] MemoryStatusWidget* memoryStatus() const { return memoryStatus_; }
    [[nodiscard]] MemoryChartDock* memoryDock() const { return memoryDock_; }
    [[nodiscard]] LogDock* logDock() const { return logDock_; }
    [[nodiscard]] MemoryAlerts* memoryAlerts() const { return alerts_; }
    [[nodiscard]] MemoryMonitor& memoryMonitor() const { return *monitor_; }
    [[nodiscard]] JobController* jobs() const { return jobs_; }

    /// Generates the sample data (as a job) and loads it into both tabs; emits demoLoaded.
    void loadDemo();
    /// Routes dropped or opened files to the matching tab.
    void openPaths(const QList<QUrl>& urls);
    void saveSettings();
    /// Shows the Memory dock and brings it in front of the Log (Ctrl+M, the status bar, the warning).
    void showMemoryPanel();
    /// The user guide (F1): the README's desktop section, compiled into the application.
    void showHelp();
    [[nodiscard]] HelpDialog* helpDialog() const { return help_; }

signals:
    void demoLoaded();

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildMenus();
    void restoreSettings();
    void restoreWindowGeometry();
    void updateTitle(const QString& jobText = {});
    void showBanner(const QString& text, bool critical);
    void clearBanners();
    void showAbout();
    void onJobEnded(Job* job, Job::State state, const QString& message);
    [[nodiscard]] JobTab* currentJobTab() const;

    AppSettings& settings_;
    std::unique_ptr<MemoryMonitor> monitor_;
    JobController* jobs_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    InterpolateTab* interpolateTab_ = nullptr;
    StackTab* stackTab_ = nullptr;
    LogDock* logDock_ = nullptr;
    MemoryChartDock* memoryDock_ = nullptr;
    MemoryStatusWidget* memoryStatus_ = nullptr;
    MemoryAlerts* alerts_ = nullptr;
    HelpDialog* help_ = nullptr;
    QString bannerText_;
    bool bannerCritical_ = false;
    bool closeWhenIdle_ = false;
    bool holdDocks_ = false;
};

}  // namespace skyweave::gui
