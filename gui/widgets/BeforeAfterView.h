#pragma once

#include <QImage>
#include <QWidget>

namespace skyweave::gui {

/**
 * @brief Two renderings of the same frame side by side under one draggable divider:
 *        "before" left of it, "after" right of it. Drag or click to move the divider.
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

    QSize sizeHint() const override { return {400, 240}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    [[nodiscard]] QRectF targetRect() const;

    QImage before_;
    QImage after_;
    QString beforeLabel_;
    QString afterLabel_;
    QString placeholder_;
    double split_ = 0.5;
};

}  // namespace skyweave::gui
