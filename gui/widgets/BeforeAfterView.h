#pragma once

#include <QImage>
#include <QWidget>

namespace skyweave::gui {

/**
 * @brief Two renderings of the same frame side by side under one draggable divider:
 *        "before" left of it, "after" right of it. Drag or click to move the divider.
 *
 * With focus (click it, or Tab) the wheel zooms about the pointer and +/- zoom; the right or
 * middle button pans; double-click or 0 fits the picture again. Without focus the wheel scrolls
 * whatever holds the view. The divider is a fraction of the view's width, so it stays on screen
 * at any zoom.
 */
class BeforeAfterView : public QWidget {
    Q_OBJECT

public:
    explicit BeforeAfterView(QWidget* parent = nullptr);

    void setImages(const QImage& before, const QImage& after, const QString& beforeLabel, const QString& afterLabel);
    void setPlaceholder(const QString& text);
    /// Divider position as a fraction of the width, 0…1.
    [[nodiscard]] double split() const { return split_; }
    void setSplit(double fraction);
    [[nodiscard]] bool hasImages() const { return !before_.isNull() && !after_.isNull(); }
    [[nodiscard]] QString placeholder() const { return placeholder_; }
    /// 1 = the picture fits the view; larger values magnify.
    [[nodiscard]] double zoom() const { return zoom_; }
    /// Zooms keeping the picture point under `anchor` (widget coordinates; default the centre) in place.
    void setZoom(double zoom, QPointF anchor = QPointF(-1, -1));
    void fitToView();

    QSize sizeHint() const override { return {400, 240}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    [[nodiscard]] QRectF targetRect() const;

    QImage before_;
    QImage after_;
    QString beforeLabel_;
    QString afterLabel_;
    QString placeholder_;
    double split_ = 0.5;
    double zoom_ = 1.0;
    QPointF pan_;  ///< offset of the picture's centre from the view's centre
    bool panning_ = false;
    QPointF panStart_;
    QPointF panAtStart_;
};

}  // namespace skyweave::gui
