#pragma once

#include <QImage>
#include <QPointF>
#include <QRect>
#include <QWidget>

namespace skyweave::gui {

/**
 * @brief Shows one already-rendered image with zoom (wheel, keys), pan (drag) and an optional
 *        crop rectangle the user draws with the mouse.
 *
 * Starts fitted to the widget; the wheel zooms about the cursor; double-click fits again. In
 * crop mode a left drag draws the rectangle (image pixel coordinates, clamped to the image) and
 * emits cropChanged; panning is then on the middle button. Rendering (stretch) happens elsewhere.
 */
class ImageViewer : public QWidget {
    Q_OBJECT

public:
    explicit ImageViewer(QWidget* parent = nullptr);

    /// Replaces the picture; `keepView` keeps zoom and pan (a new stretch of the same image).
    void setImage(const QImage& image, bool keepView = false);
    [[nodiscard]] const QImage& image() const { return image_; }
    void setPlaceholder(const QString& text);

    [[nodiscard]] double zoom() const { return zoom_; }
    void setZoom(double zoom, QPointF anchorWidgetPos = QPointF(-1, -1));
    void fitToWindow();

    void setCropMode(bool on);
    [[nodiscard]] bool cropMode() const { return cropMode_; }
    /// Crop in image pixels; empty when none.
    [[nodiscard]] QRect cropRect() const { return crop_; }
    void setCropRect(const QRect& rect);

    /// Widget position → image pixel position (may be outside the image).
    [[nodiscard]] QPointF toImage(QPointF widgetPos) const;

    QSize sizeHint() const override { return {400, 240}; }

signals:
    void cropChanged(QRect rect);
    void zoomChanged(double zoom);
    /// The pointer is over image pixel position `imagePos` (fractional; may be outside the image).
    void pointerMoved(QPointF imagePos);
    /// The pointer left the view.
    void pointerLeft();

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    [[nodiscard]] QRectF imageRectInWidget() const;
    [[nodiscard]] QRect clampedCrop(QPointF a, QPointF b) const;

    QImage image_;
    QString placeholder_;
    double zoom_ = 1.0;
    QPointF offset_;  ///< widget position of the image's top-left corner
    bool fitted_ = true;
    bool cropMode_ = false;
    QRect crop_;
    enum class Drag { None, Pan, Crop } drag_ = Drag::None;
    QPointF dragStart_;
    QPointF dragOffset_;
};

}  // namespace skyweave::gui
