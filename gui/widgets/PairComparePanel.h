#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;

namespace skyweave::gui {

class BeforeAfterView;

/**
 * @brief The Interpolate tab's before/after page: the comparison view, which pair of input frames
 *        to interpolate (1 = frames 1 and 2) and the button that starts it.
 *
 * The pair starts at the middle of the sequence each time a new sequence is shown. The view zooms
 * with the wheel when it has focus (click it first) and pans with the right or middle button.
 */
class PairComparePanel : public QWidget {
    Q_OBJECT

public:
    explicit PairComparePanel(QWidget* parent = nullptr);

    [[nodiscard]] BeforeAfterView* view() const { return view_; }
    [[nodiscard]] QSpinBox* pairSpin() const { return pair_; }
    [[nodiscard]] QPushButton* button() const { return button_; }
    /// 0-based index of the chosen pair (its first frame).
    [[nodiscard]] int pairIndex() const;
    void setPairIndex(int index);

    /// A new sequence of `frameCount` frames: the pair goes to the middle; 0 clears the view.
    void setSequence(int frameCount, const QString& placeholder);
    /// While a pair is being interpolated the button is disabled.
    void setBusy(bool busy);

signals:
    void pairRequested(int pairIndex);

private:
    BeforeAfterView* view_ = nullptr;
    QSpinBox* pair_ = nullptr;
    QLabel* pairOf_ = nullptr;
    QPushButton* button_ = nullptr;
};

}  // namespace skyweave::gui
