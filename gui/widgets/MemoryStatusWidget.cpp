#include "widgets/MemoryStatusWidget.h"

#include <QMouseEvent>

#include "MemoryText.h"

namespace skyweave::gui {

MemoryStatusWidget::MemoryStatusWidget(MemorySettings settings, int refreshMs, QWidget* parent)
    : QLabel(parent), settings_(settings), refreshMs_(refreshMs) {
    setObjectName(QStringLiteral("memoryStatus"));
    setText(tr("Memory: measuring…"));
    setTextFormat(Qt::PlainText);
    setCursor(Qt::PointingHandCursor);
    setContentsMargins(6, 0, 6, 0);
    setStyleSheet(QStringLiteral("color: %1;").arg(colourFor(MemoryLevel::Normal).name()));
}

QColor MemoryStatusWidget::colourFor(MemoryLevel level) {
    switch (level) {
    case MemoryLevel::Low: return QColor(0xe6, 0x7e, 0x00);       // orange
    case MemoryLevel::Critical: return QColor(0xd3, 0x2f, 0x2f);  // red
    case MemoryLevel::Normal: break;
    }
    return QColor(0x75, 0x75, 0x75);  // grey: present but quiet
}

void MemoryStatusWidget::setStats(const MemoryStats& stats) {
    stats_ = stats;
    hasStats_ = true;
    setText(memoryStatusText(stats));
    setToolTip(memoryTooltip(stats, settings_, refreshMs_));
    const bool alert = stats.level != MemoryLevel::Normal;
    setStyleSheet(QStringLiteral("color: %1;%2").arg(colourFor(stats.level).name(),
                                                      alert ? QStringLiteral(" font-weight: bold;") : QString()));
    setAccessibleDescription(memoryLevelTitle(stats.level));
}

void MemoryStatusWidget::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) emit clicked();
    QLabel::mouseReleaseEvent(event);
}

}  // namespace skyweave::gui
