#include "widgets/BeforeAfterView.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <algorithm>

namespace skyweave::gui {

BeforeAfterView::BeforeAfterView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("beforeAfter"));
    setMinimumSize(160, 120);
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::SplitHCursor);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    placeholder_ = tr("Interpolate the middle pair to compare a plain cross-fade with Skyweave's result.");
}

void BeforeAfterView::setImages(const QImage& before, const QImage& after, const QString& beforeLabel,
                                const QString& afterLabel) {
    before_ = before;
    after_ = after;
    beforeLabel_ = beforeLabel;
    afterLabel_ = afterLabel;
    update();
}

void BeforeAfterView::setPlaceholder(const QString& text) {
    placeholder_ = text;
    before_ = after_ = QImage();
    update();
}

void BeforeAfterView::setSplit(double fraction) {
    split_ = std::clamp(fraction, 0.0, 1.0);
    update();
}

QRectF BeforeAfterView::targetRect() const {
    if (before_.isNull()) return {};
    const QSizeF scaled = QSizeF(before_.size()).scaled(QSizeF(size()), Qt::KeepAspectRatio);
    return {QPointF((width() - scaled.width()) / 2.0, (height() - scaled.height()) / 2.0), scaled};
}

void BeforeAfterView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), QColor(0x20, 0x20, 0x20));
    if (!hasImages()) {
        p.setPen(QColor(0xb0, 0xb0, 0xb0));
        p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, placeholder_);
        return;
    }
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    const QRectF target = targetRect();
    const double divider = target.left() + target.width() * split_;
    p.save();
    p.setClipRect(QRectF(target.topLeft(), QPointF(divider, target.bottom())));
    p.drawImage(target, before_);
    p.restore();
    p.save();
    p.setClipRect(QRectF(QPointF(divider, target.top()), target.bottomRight()));
    p.drawImage(target, after_);
    p.restore();
    p.setPen(QPen(QColor(0xff, 0xd5, 0x4f), 2));
    p.drawLine(QPointF(divider, target.top()), QPointF(divider, target.bottom()));
    // Labels in a dark box so they read on any image.
    const auto label = [&](const QString& text, bool left) {
        const QRect box = p.fontMetrics().boundingRect(text).adjusted(-6, -3, 6, 3);
        QRectF where(QPointF(left ? target.left() + 8 : target.right() - box.width() - 8, target.top() + 8), box.size());
        p.fillRect(where, QColor(0, 0, 0, 160));
        p.setPen(Qt::white);
        p.drawText(where, Qt::AlignCenter, text);
    };
    label(beforeLabel_, true);
    label(afterLabel_, false);
}

void BeforeAfterView::mousePressEvent(QMouseEvent* event) { mouseMoveEvent(event); }

void BeforeAfterView::mouseMoveEvent(QMouseEvent* event) {
    const QRectF target = targetRect();
    if (target.width() > 0) setSplit((event->position().x() - target.left()) / target.width());
}

void BeforeAfterView::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Left) setSplit(split_ - 0.05);
    else if (event->key() == Qt::Key_Right) setSplit(split_ + 0.05);
    else QWidget::keyPressEvent(event);
}

}  // namespace skyweave::gui
