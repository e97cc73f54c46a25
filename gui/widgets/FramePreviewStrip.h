#pragma once

#include <QImage>
#include <QWidget>

class QLabel;
class QToolButton;

namespace skyweave::gui {

/// Thumbnails of the first, middle and last input frames; clicking one shows it in the preview.
class FramePreviewStrip : public QWidget {
    Q_OBJECT

public:
    explicit FramePreviewStrip(QWidget* parent = nullptr);

    /// `index` 0 = first, 1 = middle, 2 = last.
    void setFrame(int index, const QImage& image, const QString& name);
    void clear();
    [[nodiscard]] QString caption(int index) const;

signals:
    void frameClicked(int index);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void refreshIcons();

    QToolButton* buttons_[3] = {};
    QLabel* captions_[3] = {};
    QImage images_[3];
};

}  // namespace skyweave::gui
