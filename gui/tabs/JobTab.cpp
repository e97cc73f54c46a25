#include "tabs/JobTab.h"

#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QVBoxLayout>

#include "AppSettings.h"
#include "JobController.h"
#include "widgets/JobProgressPanel.h"
#include "widgets/MemoryBanner.h"
#include "widgets/WorkersControl.h"

namespace skyweave::gui {

JobTab::JobTab(JobController* jobs, const QString& startText, const QString& unit, QWidget* parent)
    : QWidget(parent), jobs_(jobs) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    banner_ = new MemoryBanner(this);
    layout->addWidget(banner_);
    splitter_ = new QSplitter(Qt::Horizontal, this);
    splitter_->setChildrenCollapsible(false);
    layout->addWidget(splitter_, 1);
    progress_ = new JobProgressPanel(startText, unit, this);
    workers_ = new WorkersControl(this);

    connect(progress_, &JobProgressPanel::startRequested, this, &JobTab::start);
    connect(progress_, &JobProgressPanel::cancelRequested, jobs_, &JobController::cancel);
    connect(jobs_, &JobController::jobStarted, this, [this](Job*) { progress_->startButton()->setEnabled(false); });
    connect(jobs_, &JobController::progressChanged, this, [this](Job* job, const JobProgress& p) {
        if (job == ownJob_) progress_->setProgress(p);
    });
    connect(jobs_, &JobController::resourcesAdjusted, this, [this](const QString& what) {
        if (ownJob_) workers_->onAdjusted(what);
    });
    connect(jobs_, &JobController::jobEnded, this, [this](Job* job, Job::State state, const QString& message) {
        progress_->startButton()->setEnabled(true);
        if (job != ownJob_ || !job) return;
        ownJob_ = nullptr;
        workers_->clearEffective();
        progress_->setResult(message, state == Job::State::Finished);
        onJobEnded(state, message);
    });
}

void JobTab::setPanes(QWidget* workArea, QWidget* form) {
    splitter_->addWidget(workArea);
    auto* column = new QWidget(this);
    auto* columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(column);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(form);
    columnLayout->addWidget(scroll, 1);
    columnLayout->addWidget(progress_);
    column->setMinimumWidth(form->minimumSizeHint().width() + scroll->verticalScrollBar()->sizeHint().width() + 8);
    splitter_->addWidget(column);
    splitter_->setStretchFactor(0, 3);
    splitter_->setStretchFactor(1, 2);
}

bool JobTab::start() {
    if (jobs_->isRunning()) {
        emit statusMessage(tr("Another job is running: %1").arg(jobs_->currentTitle()));
        return false;
    }
    QString error;
    std::shared_ptr<Job> job = createJob(error);
    if (!job) {
        progress_->setResult(error, false);
        return false;
    }
    ownJob_ = job.get();
    progress_->setRunning(true);
    if (!jobs_->start(std::move(job))) {
        ownJob_ = nullptr;
        progress_->setResult(tr("Could not start: another job is running."), false);
        return false;
    }
    return true;
}

bool JobTab::confirmOverwrite(const QString& path) {
    if (!QFileInfo::exists(path)) return true;
    return QMessageBox::question(this, tr("Replace the output?"),
                                 tr("%1 already exists. Replace it when the run succeeds? (It is kept if the run "
                                    "fails or is cancelled.)").arg(QFileInfo(path).fileName()),
                                 QMessageBox::Yes | QMessageBox::No, QMessageBox::No) == QMessageBox::Yes;
}

void JobTab::saveSettings(AppSettings& settings) const {
    settings.saveForm(objectName(), this);
    settings.setValue(objectName() + QStringLiteral("/splitter"), splitter_->saveState());
}

void JobTab::restoreSettings(const AppSettings& settings) {
    settings.restoreForm(objectName(), this);
    splitter_->restoreState(settings.value(objectName() + QStringLiteral("/splitter")).toByteArray());
}

}  // namespace skyweave::gui
