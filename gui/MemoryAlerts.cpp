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
    const QString what = runningJob_.isEmpty()
                             ? tr("Starting a large job now may be slow; consider closing other applications.")
                             : tr("Skyweave is using fewer workers and smaller batches until memory recovers.");
    emit bannerRequested(stats.level == MemoryLevel::Critical
                             ? tr("Memory is critically low (%1). %2").arg(figures, what)
                             : tr("Memory is getting low (%1). %2").arg(figures, what));
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

void MemoryAlerts::refreshDialog() {
    if (dialog_) dialog_->setSituation(last_, actions_, runningJob_);
}

}  // namespace skyweave::gui
