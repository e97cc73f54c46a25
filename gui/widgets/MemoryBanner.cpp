#include "widgets/MemoryBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace skyweave::gui {

MemoryBanner::MemoryBanner(QWidget* parent) : QFrame(parent) {
    setObjectName(QStringLiteral("memoryBanner"));
    setStyleSheet(QStringLiteral("#memoryBanner { background: #fff3e0; border: 1px solid #e67e00; border-radius: 3px; }"
                                 "#memoryBanner QLabel { color: #8a4b00; }"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    label_ = new QLabel(this);
    label_->setWordWrap(true);
    layout->addWidget(label_, 1);
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setToolTip(tr("Hide this message"));
    close->setAutoRaise(true);
    layout->addWidget(close, 0, Qt::AlignTop);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void MemoryBanner::showMessage(const QString& text) {
    label_->setText(text);
    show();
}

QString MemoryBanner::message() const { return label_->text(); }

}  // namespace skyweave::gui
