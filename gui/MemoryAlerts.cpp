#include "MemoryAlerts.h"

#include <QTime>

#include "MemoryText.h"
#include "dialogs/MemoryWarningDialog.h"

namespace skyweave::gui {

MemoryAlerts::MemoryAlerts(QWidget* dialogParent, QObject* parent) : QObject(parent), dialogParent_(dialogParent) {}

MemoryAlerts::~MemoryAlerts() = default;

MemoryWarningDialog* MemoryAlerts::dialog() const { return dialog_; }

void MemoryAlerts::setRunningJob(const QString& title) {
    if (!title.isEmpty() && title != runningJob_) actions_.clear();
    runningJob_ = title;
    refreshDialog();
}

void MemoryAlerts::onAdjusted(const QString& what) {
    if (what.isEmpty() || (!actions_.isEmpty() && actions_.last().endsWith(what))) return;
    actions_.append(QStringLiteral("%1 — %2").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), what));
    refreshDialog();
}

void MemoryAlerts::onStats(const MemoryStats& stats) {
    last_ = stats;
    if (stats.level == MemoryLevel::Normal) {
        if (inEpisode_) emit bannerCleared();
        inEpisode_ = false;
        dialogShownThisEpisode_ = false;
        refreshDialog();
        return;
    }
    inEpisode_ = true;
    const QString figures = tr("%1 available, %2 % in use").arg(formatBytes(stats.availableBytes)).arg(qRound(stats.usedPercent));
    emit bannerRequested(bannerText(stats.level, figures), stats.level == MemoryLevel::Critical);
    if (stats.level == MemoryLevel::Critical && !dialogShownThisEpisode_) {
        dialogShownThisEpisode_ = true;
        if (!dialog_) {
            dialog_ = new MemoryWarningDialog(dialogParent_);
            connect(dialog_, &MemoryWarningDialog::cancelJobRequested, this, &MemoryAlerts::cancelJobRequested);
            connect(dialog_, &MemoryWarningDialog::showMemoryPanelRequested, this,
                    &MemoryAlerts::showMemoryPanelRequested);
        }
        refreshDialog();
        dialog_->show();
        dialog_->raise();
        ++dialogsShown_;
    } else {
        refreshDialog();
    }
}

QString MemoryAlerts::bannerText(MemoryLevel level, const QString& figures) const {
    if (level != MemoryLevel::Critical) {
        const QString what = runningJob_.isEmpty()
                                 ? tr("Starting a large job now may be slow; consider closing other applications.")
                                 : tr("Skyweave is using fewer workers and smaller batches until memory recovers.");
        return tr("Memory is getting low (%1). %2").arg(figures, what);
    }
    // Critical: say what is at risk, not just that things may be slow.
    const QString risk =
        runningJob_.isEmpty()
            ? tr("If it runs out, the system may stop Skyweave or another application without warning, and "
                 "unsaved work there is lost. Close applications you do not need before starting a job.")
            : tr("If it runs out, the system may stop Skyweave and “%1” is lost (its output is not written). "
                 "Workers and batches are at their minimum; close other applications, or cancel the job.")
                  .arg(runningJob_);
    return tr("Memory is critically low (%1). %2").arg(figures, risk);
}

void MemoryAlerts::refreshDialog() {
    if (dialog_) dialog_->setSituation(last_, actions_, runningJob_);
}

}  // namespace skyweave::gui
