#include "widgets/ImageViewer.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace skyweave::gui {

namespace {
constexpr double kMinZoom = 0.02;
constexpr double kMaxZoom = 32.0;
constexpr double kWheelStep = 1.25;
}  // namespace

ImageViewer::ImageViewer(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("imageViewer"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);  // the pixel readout follows the pointer
    setMinimumSize(160, 120);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    setPalette(p);
    placeholder_ = tr("No image");
}

void ImageViewer::setImage(const QImage& image, bool keepView) {
    const bool sameSize = image.size() == image_.size();
    image_ = image;
    if (!keepView || !sameSize || fitted_) fitToWindow();
    update();
}

void ImageViewer::setPlaceholder(const QString& text) {
    placeholder_ = text;
    update();
}

void ImageViewer::fitToWindow() {
    fitted_ = true;
    if (image_.isNull()) return;
    const double zx = static_cast<double>(width()) / image_.width();
    const double zy = static_cast<double>(height()) / image_.height();
    zoom_ = std::clamp(std::min(zx, zy), kMinZoom, kMaxZoom);
    offset_ = QPointF((width() - image_.width() * zoom_) / 2.0, (height() - image_.height() * zoom_) / 2.0);
    emit zoomChanged(zoom_);
    update();
}

void ImageViewer::setZoom(double zoom, QPointF anchor) {
    if (image_.isNull()) return;
    if (anchor.x() < 0) anchor = QPointF(width() / 2.0, height() / 2.0);
    const QPointF imagePoint = toImage(anchor);
    zoom_ = std::clamp(zoom, kMinZoom, kMaxZoom);
    offset_ = anchor - imagePoint * zoom_;  // keep the pixel under the anchor where it was
    fitted_ = false;
    emit zoomChanged(zoom_);
    update();
}

QPointF ImageViewer::toImage(QPointF widgetPos) const { return (widgetPos - offset_) / zoom_; }

QRectF ImageViewer::imageRectInWidget() const {
    return {offset_, QSizeF(image_.width() * zoom_, image_.height() * zoom_)};
}

void ImageViewer::setCropMode(bool on) {
    cropMode_ = on;
    setCursor(on ? Qt::CrossCursor : Qt::ArrowCursor);
}

void ImageViewer::setCropRect(const QRect& rect) {
    crop_ = rect.isValid() && !image_.isNull() ? rect.intersected(image_.rect()) : rect;
    update();
}

QRect ImageViewer::clampedCrop(QPointF a, QPointF b) const {
    const QRectF r = QRectF(a, b).normalized();
    const int left = std::clamp(static_cast<int>(std::floor(r.left())), 0, image_.width());
    const int top = std::clamp(static_cast<int>(std::floor(r.top())), 0, image_.height());
    const int right = std::clamp(static_cast<int>(std::ceil(r.right())), 0, image_.width());
    const int bottom = std::clamp(static_cast<int>(std::ceil(r.bottom())), 0, image_.height());
    return {QPoint(left, top), QSize(right - left, bottom - top)};
}

void ImageViewer::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    if (image_.isNull()) {
        painter.setPen(QColor(0xb0, 0xb0, 0xb0));
        painter.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, placeholder_);
        return;
    }
    // Smooth when shrinking, nearest when magnifying (so pixels stay visible for inspection).
    painter.setRenderHint(QPainter::SmoothPixmapTransform, zoom_ < 1.0);
    painter.drawImage(imageRectInWidget(), image_);
    if (crop_.isValid() && !crop_.isEmpty()) {
        const QRectF c(offset_ + QPointF(crop_.x(), crop_.y()) * zoom_, QSizeF(crop_.width(), crop_.height()) * zoom_);
        QPainterPath outside;
        outside.addRect(imageRectInWidget());
        QPainterPath inside;
        inside.addRect(c);
        painter.fillPath(outside.subtracted(inside), QColor(0, 0, 0, 110));
        painter.setPen(QPen(QColor(0xff, 0xd5, 0x4f), 1.5, Qt::DashLine));
        painter.drawRect(c);
    }
}

void ImageViewer::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0.0) setZoom(zoom_ * std::pow(kWheelStep, steps), event->position());
    event->accept();
}

void ImageViewer::mousePressEvent(QMouseEvent* event) {
    if (image_.isNull()) return;
    dragStart_ = event->position();
    if (cropMode_ && event->button() == Qt::LeftButton) {
        drag_ = Drag::Crop;
    } else if (event->button() == Qt::LeftButton || event->button() == Qt::MiddleButton) {
        drag_ = Drag::Pan;
        dragOffset_ = offset_;
        setCursor(Qt::ClosedHandCursor);
    }
}

void ImageViewer::mouseMoveEvent(QMouseEvent* event) {
    if (!image_.isNull()) emit pointerMoved(toImage(event->position()));
    if (drag_ == Drag::Pan) {
        offset_ = dragOffset_ + (event->position() - dragStart_);
        fitted_ = false;
        update();
    } else if (drag_ == Drag::Crop) {
        crop_ = clampedCrop(toImage(dragStart_), toImage(event->position()));
        update();
    }
}

void ImageViewer::mouseReleaseEvent(QMouseEvent* event) {
    if (drag_ == Drag::Crop) {
        crop_ = clampedCrop(toImage(dragStart_), toImage(event->position()));
        if (crop_.width() < 2 || crop_.height() < 2) crop_ = QRect();  // a click clears the crop
        update();
        emit cropChanged(crop_);
    }
    drag_ = Drag::None;
    setCursor(cropMode_ ? Qt::CrossCursor : Qt::ArrowCursor);
}

void ImageViewer::mouseDoubleClickEvent(QMouseEvent*) { fitToWindow(); }

void ImageViewer::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal: setZoom(zoom_ * kWheelStep); break;
    case Qt::Key_Minus: setZoom(zoom_ / kWheelStep); break;
    case Qt::Key_0: fitToWindow(); break;
    case Qt::Key_1: setZoom(1.0); break;
    default: QWidget::keyPressEvent(event);
    }
}

void ImageViewer::leaveEvent(QEvent* event) {
    QWidget::leaveEvent(event);
    emit pointerLeft();
}

void ImageViewer::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    if (fitted_) fitToWindow();
}

}  // namespace skyweave::gui
