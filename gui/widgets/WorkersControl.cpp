#include "widgets/WorkersControl.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QRegularExpression>
#include <QSpinBox>
#include <QThread>
#include <algorithm>

namespace skyweave::gui {

WorkersControl::WorkersControl(QWidget* parent) : QWidget(parent) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    spin_ = new QSpinBox(this);
    spin_->setObjectName(QStringLiteral("workers"));
    spin_->setRange(0, std::max(1, QThread::idealThreadCount()) * 2);
    spin_->setSpecialValueText(tr("Automatic"));
    spin_->setToolTip(tr("Most worker threads a job may use. Skyweave lowers this by itself while memory is low "
                         "and raises it again when memory recovers."));
    effectiveLabel_ = new QLabel(this);
    effectiveLabel_->setObjectName(QStringLiteral("effectiveWorkers"));
    effectiveLabel_->setWordWrap(true);
    effectiveLabel_->hide();
    layout->addWidget(spin_);
    layout->addWidget(effectiveLabel_, 1);
}

int WorkersControl::requested() const { return spin_->value(); }

void WorkersControl::setRequested(int workers) { spin_->setValue(workers); }

QString WorkersControl::effectiveText() const { return effectiveLabel_->isHidden() ? QString() : effectiveLabel_->text(); }

void WorkersControl::onAdjusted(const QString& reason) {
    static const QRegularExpression kWorkers(QStringLiteral("workers from (\\d+) to (\\d+)"),
                                             QRegularExpression::CaseInsensitiveOption);
    const auto match = kWorkers.match(reason);
    setEffective(match.hasMatch() ? match.captured(2).toInt() : effective_, reason);
}

void WorkersControl::setEffective(int workers, const QString& reason) {
    effective_ = workers;
    const QString value = workers > 0 ? tr("effective %1").arg(workers) : tr("adjusted");
    effectiveLabel_->setText(reason.isEmpty() ? value : QStringLiteral("%1 — %2").arg(value, reason));
    effectiveLabel_->setStyleSheet(QStringLiteral("color: #e67e00;"));
    effectiveLabel_->setToolTip(reason);
    effectiveLabel_->show();
}

void WorkersControl::clearEffective() {
    effective_ = 0;
    effectiveLabel_->clear();
    effectiveLabel_->hide();
}

}  // namespace skyweave::gui
