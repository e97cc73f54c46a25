#pragma once

#include <QLabel>

namespace skyweave::gui {

/**
 * @brief A one-line label of fixed height: text that does not fit ends in "…" and the whole text is
 *        the tooltip. Layouts around it never move when the text changes length.
 */
class ElidedLabel : public QLabel {
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget* parent = nullptr);

    /// The whole text (text() is what is shown, possibly elided).
    [[nodiscard]] QString fullText() const { return full_; }
    void setFullText(const QString& text);

    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void elide();

    QString full_;
};

}  // namespace skyweave::gui
