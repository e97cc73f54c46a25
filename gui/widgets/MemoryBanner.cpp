#include "widgets/MemoryBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

#include "widgets/MemoryStatusWidget.h"

namespace skyweave::gui {

MemoryBanner::MemoryBanner(QWidget* parent) : QFrame(parent) {
    setObjectName(QStringLiteral("memoryBanner"));
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

void MemoryBanner::showMessage(const QString& text, bool critical) {
    critical_ = critical;
    // Same colours as the status bar: orange for low, red for critical.
    setStyleSheet(critical ? QStringLiteral("#memoryBanner { background: #ffebee; border: 1px solid %1; border-radius: 3px; }"
                                            "#memoryBanner QLabel { color: #8e0000; font-weight: bold; }")
                                 .arg(accentColour().name())
                           : QStringLiteral("#memoryBanner { background: #fff3e0; border: 1px solid %1; border-radius: 3px; }"
                                            "#memoryBanner QLabel { color: #8a4b00; }")
                                 .arg(accentColour().name()));
    label_->setText(text);
    show();
}

QColor MemoryBanner::accentColour() const {
    return MemoryStatusWidget::colourFor(critical_ ? MemoryLevel::Critical : MemoryLevel::Low);
}

QString MemoryBanner::message() const { return label_->text(); }

}  // namespace skyweave::gui
