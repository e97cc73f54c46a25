#include "MainWindow.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QGuiApplication>
#include <QScreen>
#include <QShowEvent>
#include <QTimer>
#include <algorithm>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>

#include "AppSettings.h"
#include "DropRouter.h"
#include "JobController.h"
#include "LogHub.h"
#include "MemoryAlerts.h"
#include "RecentFolder.h"
#include "WheelGuard.h"
#include "WindowPlacement.h"
#include "common/BuildInfo.h"
#include "jobs/SampleJob.h"
#include "dialogs/HelpDialog.h"
#include "memory/MemoryMonitor.h"
#include "models/FitsFileListModel.h"
#include "tabs/InterpolateTab.h"
#include "tabs/StackTab.h"
#include "widgets/JobProgressPanel.h"
#include "widgets/LogDock.h"
#include "widgets/MemoryBanner.h"
#include "widgets/MemoryChartDock.h"
#include "widgets/MemoryStatusWidget.h"
#include "widgets/WorkersControl.h"

namespace skyweave::gui {

MainWindow::MainWindow(AppSettings& settings, QWidget* parent)
    : QMainWindow(parent), settings_(settings), monitor_(std::make_unique<MemoryMonitor>()) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/skyweave.svg")));
    setAcceptDrops(true);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    jobs_ = new JobController(this);
    jobs_->setMemoryMonitor(monitor_.get());

    tabs_ = new QTabWidget(this);
    tabs_->setObjectName(QStringLiteral("mainTabs"));
    tabs_->setDocumentMode(true);
    interpolateTab_ = new InterpolateTab(jobs_, tabs_);
    stackTab_ = new StackTab(jobs_, tabs_);
    tabs_->addTab(interpolateTab_, QIcon(QStringLiteral(":/icons/interpolate.svg")), tr("&Interpolate"));
    tabs_->addTab(stackTab_, QIcon(QStringLiteral(":/icons/stack.svg")), tr("&Stack"));
    setCentralWidget(tabs_);

    const MemorySettings& memory = monitor_->settings();
    logDock_ = new LogDock(this);
    memoryDock_ = new MemoryChartDock(memory, this);
    addDockWidget(Qt::BottomDockWidgetArea, logDock_);
    addDockWidget(Qt::BottomDockWidgetArea, memoryDock_);
    tabifyDockWidget(logDock_, memoryDock_);
    logDock_->raise();
    memoryStatus_ = new MemoryStatusWidget(memory, memory.intervalMs, this);
    statusBar()->addPermanentWidget(memoryStatus_);
    alerts_ = new MemoryAlerts(this, this);

    // Core measures, the GUI renders: every sample goes to the status line, the chart and the alerts.
    connect(monitor_.get(), &MemoryMonitor::statsUpdated, memoryStatus_, &MemoryStatusWidget::setStats);
    connect(monitor_.get(), &MemoryMonitor::statsUpdated, memoryDock_, &MemoryChartDock::addSample);
    connect(monitor_.get(), &MemoryMonitor::statsUpdated, alerts_, &MemoryAlerts::onStats);
    connect(memoryStatus_, &MemoryStatusWidget::clicked, this, &MainWindow::showMemoryPanel);
    connect(alerts_, &MemoryAlerts::bannerRequested, this, &MainWindow::showBanner);
    connect(alerts_, &MemoryAlerts::bannerCleared, this, &MainWindow::clearBanners);
    connect(alerts_, &MemoryAlerts::cancelJobRequested, jobs_, &JobController::cancel);
    connect(alerts_, &MemoryAlerts::showMemoryPanelRequested, memoryStatus_, &MemoryStatusWidget::clicked);
    connect(tabs_, &QTabWidget::currentChanged, this, [this] {
        if (!bannerText_.isEmpty()) showBanner(bannerText_, bannerCritical_);
    });

    connect(&LogHub::instance(), &LogHub::entryLogged, logDock_, &LogDock::append);
    connect(jobs_, &JobController::logLine, logDock_, &LogDock::appendJobLine);
    connect(jobs_, &JobController::resourcesAdjusted, alerts_, &MemoryAlerts::onAdjusted);
    connect(jobs_, &JobController::jobStarted, this, [this](Job* job) {
        alerts_->setRunningJob(job->title());
        updateTitle(job->title());
        qCInfo(lcGui).noquote() << "Started:" << job->title();
    });
    connect(jobs_, &JobController::progressChanged, this, [this](Job* job, const JobProgress& p) {
        updateTitle(p.total > 0 ? tr("%1 — %2 %").arg(job->title()).arg(qRound(p.fraction * 100)) : job->title());
    });
    connect(jobs_, &JobController::jobEnded, this, &MainWindow::onJobEnded);
    for (JobTab* tab : {static_cast<JobTab*>(interpolateTab_), static_cast<JobTab*>(stackTab_)})
        connect(tab, &JobTab::statusMessage, this, [this](const QString& text) { statusBar()->showMessage(text, 8000); });

    buildMenus();
    // Spin and combo boxes take the wheel only when focused, here and in any form built later.
    WheelGuard::installOnApplication();
    WheelGuard::applyTo(this);
    restoreSettings();
    updateTitle();
    statusBar()->showMessage(tr("Ready. Drop FITS frames or a folder of images anywhere on the window."));
    monitor_->start(memory.intervalMs);
}

MainWindow::~MainWindow() {
    monitor_->stop();  // no more queued samples into widgets being destroyed
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* addFits = file->addAction(QIcon(QStringLiteral(":/icons/add-files.svg")), tr("Add FITS frames…"));
    addFits->setShortcut(QKeySequence::Open);
    connect(addFits, &QAction::triggered, this, [this] {
        tabs_->setCurrentWidget(stackTab_);
        stackTab_->chooseFiles();
    });
    QAction* start = file->addAction(QIcon(QStringLiteral(":/icons/start.svg")), tr("&Start"));
    start->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    connect(start, &QAction::triggered, this, [this] { currentJobTab()->start(); });
    QAction* cancel = file->addAction(QIcon(QStringLiteral(":/icons/cancel.svg")), tr("&Cancel job"));
    cancel->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    connect(cancel, &QAction::triggered, jobs_, &JobController::cancel);
    file->addSeparator();
    QAction* demo = file->addAction(tr("Load sample data"));
    connect(demo, &QAction::triggered, this, &MainWindow::loadDemo);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* toInterpolate = view->addAction(tr("Interpolate tab"));
    toInterpolate->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    connect(toInterpolate, &QAction::triggered, this, [this] { tabs_->setCurrentWidget(interpolateTab_); });
    QAction* toStack = view->addAction(tr("Stack tab"));
    toStack->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    connect(toStack, &QAction::triggered, this, [this] { tabs_->setCurrentWidget(stackTab_); });
    view->addSeparator();
    QAction* log = logDock_->toggleViewAction();
    log->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    view->addAction(log);
    // Ctrl+M brings the Memory tab forward (a toggle would hide it when it is already there).
    QAction* memory = view->addAction(tr("&Memory"));
    memory->setObjectName(QStringLiteral("showMemoryAction"));
    memory->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    connect(memory, &QAction::triggered, this, &MainWindow::showMemoryPanel);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* guide = help->addAction(tr("Skyweave &help"));
    guide->setObjectName(QStringLiteral("helpAction"));
    guide->setShortcut(QKeySequence::HelpContents);
    connect(guide, &QAction::triggered, this, &MainWindow::showHelp);
    QAction* about = help->addAction(tr("&About Skyweave"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    QAction* aboutQt = help->addAction(tr("About &Qt"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

JobTab* MainWindow::currentJobTab() const {
    return tabs_->currentWidget() == stackTab_ ? static_cast<JobTab*>(stackTab_) : interpolateTab_;
}

void MainWindow::showMemoryPanel() {
    memoryDock_->show();
    memoryDock_->raise();
}

void MainWindow::showHelp() {
    if (!help_) help_ = new HelpDialog(this);
    help_->show();
    help_->raise();
    help_->activateWindow();
}

void MainWindow::showAbout() {
    QString rows;
    for (const auto& [name, version] : libraryVersions())
        rows += QStringLiteral("<tr><td>%1</td><td>&nbsp;%2</td></tr>")
                    .arg(QString::fromStdString(name).toHtmlEscaped(), QString::fromStdString(version).toHtmlEscaped());
    QMessageBox box(this);
    box.setWindowTitle(tr("About Skyweave"));
    box.setIconPixmap(QIcon(QStringLiteral(":/icons/skyweave.svg")).pixmap(64, 64));
    box.setTextFormat(Qt::RichText);
    box.setText(tr("<h3>Skyweave %1</h3><p>Memory-aware stacking and frame interpolation for sequences of sky "
                   "images.</p><p>Built with:</p><table>%2</table>")
                    .arg(QString::fromStdString(versionString()), rows));
    box.exec();
}

void MainWindow::updateTitle(const QString& jobText) {
    setWindowTitle(jobText.isEmpty() ? QStringLiteral("Skyweave") : QStringLiteral("%1 — Skyweave").arg(jobText));
}

void MainWindow::showBanner(const QString& text, bool critical) {
    bannerText_ = text;
    bannerCritical_ = critical;
    for (JobTab* tab : {static_cast<JobTab*>(interpolateTab_), static_cast<JobTab*>(stackTab_)}) {
        if (tab == tabs_->currentWidget()) tab->banner()->showMessage(text, critical);
        else tab->banner()->hide();
    }
}

void MainWindow::clearBanners() {
    bannerText_.clear();
    interpolateTab_->banner()->hide();
    stackTab_->banner()->hide();
}

void MainWindow::onJobEnded(Job* job, Job::State state, const QString& message) {
    alerts_->setRunningJob({});
    updateTitle();
    const QString title = job ? job->title() : QString();
    if (state == Job::State::Failed) qCWarning(lcGui).noquote() << title << "failed:" << message;
    else qCInfo(lcGui).noquote() << title << "ended:" << message;
    statusBar()->showMessage(QStringLiteral("%1: %2").arg(title, message), 15000);
    if (auto* demo = qobject_cast<SampleJob*>(job); demo && state == Job::State::Finished) {
        const auto& m = demo->manifest();
        QStringList fits;
        for (const auto& f : m.fitsFrames) fits << QString::fromStdString(f.string());
        stackTab_->files()->clear();  // the sample replaces a list remembered from the last session
        stackTab_->addPaths(fits);
        // The sample frames are jittered: align them on their WCS. Tracking is filled in for the
        // asteroid but left off, so the first stack shows sharp stars; one tick tracks the asteroid.
        stackTab_->setAlignment(QStringLiteral("wcs"));
        stackTab_->setTracking(QString::fromStdString(m.objectName), QString::fromStdString(m.ephemerisCsv.string()), false);
        const QDir results(demo->outDir() + QStringLiteral("/results"));
        results.mkpath(QStringLiteral("."));
        stackTab_->setOutputPath(results.filePath(QStringLiteral("stack_median.fits")));
        interpolateTab_->setFactor(4);
        interpolateTab_->setOutputPath(results.filePath(QStringLiteral("loop_x4.mp4")));
        interpolateTab_->addPaths({QString::fromStdString(m.loopDir.string())});
        emit demoLoaded();
    }
    if (closeWhenIdle_) close();
}

void MainWindow::loadDemo() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/sample");
    if (!jobs_->start(std::make_shared<SampleJob>(dir, sample::SampleOptions{}, /*reuseComplete=*/true)))
        statusBar()->showMessage(tr("Wait for the running job to end before loading the sample data."), 8000);
}

void MainWindow::openPaths(const QList<QUrl>& urls) {
    const DropRoute route = routeDroppedUrls(urls);
    if (!route.interpolatePaths.isEmpty() || !route.videoOutput.isEmpty()) {
        interpolateTab_->addPaths(route.interpolatePaths + (route.videoOutput.isEmpty() ? QStringList() : QStringList{route.videoOutput}));
        tabs_->setCurrentWidget(interpolateTab_);
    }
    // Unknown files go to the Stack list too when nothing else was dropped: it says why it refuses them.
    const bool unknownToStack = route.interpolatePaths.isEmpty() && route.videoOutput.isEmpty();
    if (!route.stackPaths.isEmpty() || (unknownToStack && !route.unknown.isEmpty())) {
        stackTab_->addPaths(route.stackPaths + (unknownToStack ? route.unknown : QStringList()));
        tabs_->setCurrentWidget(stackTab_);
    } else if (!route.unknown.isEmpty()) {
        statusBar()->showMessage(tr("Not used: %1 (neither FITS nor images)").arg(route.unknown.join(QStringLiteral(", "))), 10000);
    }
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    if (!holdDocks_) return;
    holdDocks_ = false;
    QTimer::singleShot(300, this, [this] {
        const int h = logDock_->height();
        logDock_->setMaximumHeight(QWIDGETSIZE_MAX);
        memoryDock_->setMaximumHeight(QWIDGETSIZE_MAX);
        resizeDocks({logDock_, memoryDock_}, {h, h}, Qt::Vertical);  // lifting the maximum re-balances otherwise
    });
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    openPaths(event->mimeData()->urls());
    event->acceptProposedAction();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (jobs_->isRunning()) {
        if (!closeWhenIdle_) {
            const auto answer = QMessageBox::question(
                this, tr("A job is running"),
                tr("“%1” is still running. Cancel it and quit? Nothing half-written is kept.").arg(jobs_->currentTitle()),
                QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
            if (answer != QMessageBox::Yes) {
                event->ignore();
                return;
            }
            closeWhenIdle_ = true;
            jobs_->cancel();
            statusBar()->showMessage(tr("Cancelling “%1” before quitting…").arg(jobs_->currentTitle()));
        }
        event->ignore();  // onJobEnded() closes again once the job has stopped
        return;
    }
    saveSettings();
    event->accept();
}

void MainWindow::saveSettings() {
    settings_.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings_.setValue(QStringLiteral("window/state"), saveState());
    settings_.setValue(QStringLiteral("window/tab"), tabs_->currentIndex());
    settings_.setValue(QStringLiteral("log/minimumLevel"), logDock_->minimumLevel());
    settings_.setValue(QStringLiteral("paths/lastFolder"), RecentFolder::path());
    interpolateTab_->saveSettings(settings_);
    stackTab_->saveSettings(settings_);
    settings_.sync();
}

void MainWindow::restoreSettings() {
    restoreWindowGeometry();
    if (!restoreState(settings_.value(QStringLiteral("window/state")).toByteArray())) {
        // First start: the docks take a strip at the bottom and the tabs the rest. A maximum height
        // holds them there while the window gets its first size; it is lifted once the window is shown.
        for (QDockWidget* dock : {static_cast<QDockWidget*>(logDock_), static_cast<QDockWidget*>(memoryDock_)})
            dock->setMaximumHeight(std::max(kFirstDockHeight, height() / 5));
        holdDocks_ = true;
        // On a small screen (1280×720) the docks would leave the previews a sliver: they start closed
        // (Ctrl+L, Ctrl+M and a click on the memory status open them; the status bar shows memory).
        if (height() < kCompactWindowHeight) {
            logDock_->hide();
            memoryDock_->hide();
        }
    }
    tabs_->setCurrentIndex(settings_.value(QStringLiteral("window/tab"), 0).toInt());
    RecentFolder::setPath(settings_.value(QStringLiteral("paths/lastFolder")).toString());
    logDock_->setMinimumLevel(settings_.value(QStringLiteral("log/minimumLevel"), 1).toInt());
    interpolateTab_->restoreSettings(settings_);
    stackTab_->restoreSettings(settings_);
}

void MainWindow::restoreWindowGeometry() {
    const QScreen* screen = QGuiApplication::primaryScreen();
    const QRect available = screen ? screen->availableGeometry() : QRect(0, 0, 1280, 720);
    // A saved geometry is used only when the whole window (title and status bar too) fits this
    // screen: a layout saved on a larger monitor would otherwise open partly off-screen.
    if (restoreGeometry(settings_.value(QStringLiteral("window/geometry")).toByteArray()) &&
        (isMaximized() || WindowPlacement::fits(geometry(), available)))
        return;
    setWindowState(windowState() & ~Qt::WindowMaximized);
    setGeometry(WindowPlacement::initialGeometry(available));
}

}  // namespace skyweave::gui
