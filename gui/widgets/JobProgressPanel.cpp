#include "widgets/JobProgressPanel.h"

#include <QGridLayout>
#include <QIcon>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <cmath>

#include "widgets/ElidedLabel.h"

namespace skyweave::gui {

namespace {

QString duration(double seconds) {
    const auto s = static_cast<long long>(std::llround(seconds));
    if (s < 60) return QObject::tr("%1 s").arg(s);
    if (s < 3600) return QObject::tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QObject::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

}  // namespace

JobProgressPanel::JobProgressPanel(const QString& startText, const QString& unit, QWidget* parent)
    : QWidget(parent), unit_(unit) {
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    start_ = new QPushButton(QIcon(QStringLiteral(":/icons/start.svg")), startText, this);
    start_->setObjectName(QStringLiteral("startButton"));
    start_->setDefault(true);
    start_->setMinimumHeight(32);
    cancel_ = new QPushButton(QIcon(QStringLiteral(":/icons/cancel.svg")), tr("Cancel"), this);
    cancel_->setObjectName(QStringLiteral("cancelButton"));
    cancel_->setEnabled(false);
    cancel_->setMinimumHeight(32);
    bar_ = new QProgressBar(this);
    bar_->setRange(0, 1000);
    bar_->setValue(0);
    bar_->setTextVisible(true);
    bar_->setFormat(QStringLiteral("%p %"));
    // One line of fixed height: a long result is elided (whole text in the tooltip) so the buttons
    // above never move between runs.
    status_ = new ElidedLabel(this);
    status_->setObjectName(QStringLiteral("jobStatus"));
    status_->setFullText(tr("Ready."));
    layout->addWidget(start_, 0, 0);
    layout->addWidget(cancel_, 0, 1);
    layout->addWidget(bar_, 0, 2);
    layout->addWidget(status_, 1, 0, 1, 3);
    layout->setColumnStretch(2, 1);
    connect(start_, &QPushButton::clicked, this, &JobProgressPanel::startRequested);
    connect(cancel_, &QPushButton::clicked, this, [this] {
        cancel_->setEnabled(false);
        status_->setFullText(tr("Cancelling…"));
        emit cancelRequested();
    });
}

QString JobProgressPanel::statusText() const { return status_->fullText(); }

QString JobProgressPanel::progressText(const JobProgress& p, const QString& unit) {
    QStringList parts;
    if (p.total > 0) parts << tr("%1 / %2 %3").arg(p.done).arg(p.total).arg(unit);
    if (p.ratePerSecond > 0) parts << tr("%1 %2/s").arg(p.ratePerSecond, 0, 'f', p.ratePerSecond < 10 ? 2 : 1).arg(unit);
    if (p.etaSeconds >= 0) parts << tr("%1 left").arg(duration(p.etaSeconds));
    if (!p.stage.isEmpty()) parts << p.stage;
    return parts.join(QStringLiteral(" · "));
}

void JobProgressPanel::setRunning(bool running) {
    running_ = running;
    // Enable the button that takes over before disabling the one that had focus: otherwise Qt moves
    // the focus along the tab chain (to the Workers box, which then shows selected).
    const bool hadFocus = start_->hasFocus() || cancel_->hasFocus();
    (running ? cancel_ : start_)->setEnabled(true);
    (running ? start_ : cancel_)->setEnabled(false);
    if (hadFocus) (running ? cancel_ : start_)->setFocus(Qt::OtherFocusReason);
    if (running) {
        bar_->setRange(0, 0);  // busy until the first report says how much there is
        status_->setStyleSheet({});
        status_->setFullText(tr("Starting…"));
    }
}

void JobProgressPanel::setProgress(const JobProgress& progress) {
    if (progress.total > 0) {
        bar_->setRange(0, 1000);
        bar_->setValue(static_cast<int>(std::lround(progress.fraction * 1000.0)));
    }
    status_->setFullText(progressText(progress, progress.unit.isEmpty() ? unit_ : progress.unit));
}

void JobProgressPanel::reset() {
    if (running_) return;
    bar_->setValue(0);
    status_->setStyleSheet({});
    status_->setFullText(tr("Ready."));
}

void JobProgressPanel::setResult(const QString& message, bool ok) {
    setRunning(false);
    bar_->setRange(0, 1000);
    if (ok) bar_->setValue(1000);
    status_->setStyleSheet(ok ? QString() : QStringLiteral("color: #c62828;"));
    status_->setFullText(message);
}

}  // namespace skyweave::gui
