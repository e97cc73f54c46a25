#include "widgets/PairComparePanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

#include "widgets/BeforeAfterView.h"

namespace skyweave::gui {

PairComparePanel::PairComparePanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    view_ = new BeforeAfterView(this);
    layout->addWidget(view_, 1);
    auto* row = new QHBoxLayout;
    pair_ = new QSpinBox(this);
    pair_->setObjectName(QStringLiteral("comparePair"));
    pair_->setProperty("persist", false);  // follows the sequence, not the last session
    pair_->setRange(1, 1);
    pair_->setPrefix(tr("pair "));
    pair_->setToolTip(tr("Which pair of input frames to compare: pair 1 is frames 1 and 2"));
    pairOf_ = new QLabel(this);
    button_ = new QPushButton(tr("Interpolate this pair"), this);
    button_->setObjectName(QStringLiteral("comparePairButton"));
    button_->setToolTip(tr("Drag across the picture: left of the line a plain cross-fade, right of it Skyweave's "
                           "motion-compensated frame. Click the picture, then use the wheel to zoom."));
    row->addWidget(pair_);
    row->addWidget(pairOf_);
    row->addWidget(button_);
    row->addStretch(1);
    layout->addLayout(row);
    connect(button_, &QPushButton::clicked, this, [this] { emit pairRequested(pairIndex()); });
    setSequence(0, view_->placeholder());
}

int PairComparePanel::pairIndex() const { return pair_->value() - 1; }

void PairComparePanel::setPairIndex(int index) { pair_->setValue(index + 1); }

void PairComparePanel::setSequence(int frameCount, const QString& placeholder) {
    const int pairs = std::max(1, frameCount - 1);
    pair_->setRange(1, pairs);
    pair_->setValue((pairs - 1) / 2 + 1);  // the middle pair, as before a choice is made
    pair_->setEnabled(frameCount >= 2);
    button_->setEnabled(frameCount >= 2);
    pairOf_->setText(frameCount >= 2 ? tr("of %1").arg(pairs) : QString());
    view_->setPlaceholder(placeholder);
}

void PairComparePanel::setBusy(bool busy) { button_->setEnabled(!busy && pair_->isEnabled()); }

}  // namespace skyweave::gui
