#include "widgets/BeforeAfterView.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace skyweave::gui {

namespace {
constexpr double kMaxZoom = 32.0;
constexpr double kWheelStep = 1.25;
}  // namespace

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
    if (before.size() != before_.size()) fitToView();
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
    const QSizeF scaled = QSizeF(before_.size()).scaled(QSizeF(size()), Qt::KeepAspectRatio) * zoom_;
    const QPointF centre = QPointF(width() / 2.0, height() / 2.0) + pan_;
    return {centre - QPointF(scaled.width() / 2.0, scaled.height() / 2.0), scaled};
}

void BeforeAfterView::setZoom(double zoom, QPointF anchor) {
    if (anchor.x() < 0) anchor = QPointF(width() / 2.0, height() / 2.0);
    const double next = std::clamp(zoom, 1.0, kMaxZoom);
    const QRectF now = targetRect();
    if (now.isEmpty()) return;
    // Keep the picture point under the anchor where it is: scale the rectangle about the anchor.
    const double k = next / zoom_;
    const QPointF topLeft = anchor - (anchor - now.topLeft()) * k;
    const QPointF centre = topLeft + QPointF(now.width() * k / 2.0, now.height() * k / 2.0);
    zoom_ = next;
    pan_ = next == 1.0 ? QPointF() : centre - QPointF(width() / 2.0, height() / 2.0);
    update();
}

void BeforeAfterView::fitToView() {
    zoom_ = 1.0;
    pan_ = QPointF();
    update();
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
    const double divider = width() * split_;
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

void BeforeAfterView::mousePressEvent(QMouseEvent* event) {
    setFocus(Qt::MouseFocusReason);
    if (event->button() == Qt::RightButton || event->button() == Qt::MiddleButton) {
        panning_ = true;
        panStart_ = event->position();
        panAtStart_ = pan_;
        return;
    }
    mouseMoveEvent(event);
}

void BeforeAfterView::mouseMoveEvent(QMouseEvent* event) {
    if (panning_) {
        pan_ = panAtStart_ + (event->position() - panStart_);
        update();
    } else if (width() > 0 && (event->buttons() & Qt::LeftButton || event->type() == QEvent::MouseButtonPress)) {
        setSplit(event->position().x() / width());
    }
}

void BeforeAfterView::mouseReleaseEvent(QMouseEvent*) { panning_ = false; }

void BeforeAfterView::mouseDoubleClickEvent(QMouseEvent*) { fitToView(); }

void BeforeAfterView::wheelEvent(QWheelEvent* event) {
    if (!hasFocus() || !hasImages()) {
        event->ignore();  // scroll the page instead: the view zooms only once the user chose it
        return;
    }
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0.0) setZoom(zoom_ * std::pow(kWheelStep, steps), event->position());
    event->accept();
}

void BeforeAfterView::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Left) setSplit(split_ - 0.05);
    else if (event->key() == Qt::Key_Right) setSplit(split_ + 0.05);
    else if (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal) setZoom(zoom_ * kWheelStep);
    else if (event->key() == Qt::Key_Minus) setZoom(zoom_ / kWheelStep);
    else if (event->key() == Qt::Key_0) fitToView();
    else QWidget::keyPressEvent(event);
}

}  // namespace skyweave::gui
