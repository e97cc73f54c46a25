#pragma once

#include <QFrame>

class QLabel;

namespace skyweave::gui {

/// A slim, dismissable strip at the top of a tab: "Memory is getting low …". Never blocks input.
class MemoryBanner : public QFrame {
    Q_OBJECT

public:
    explicit MemoryBanner(QWidget* parent = nullptr);

    void showMessage(const QString& text);
    [[nodiscard]] QString message() const;

private:
    QLabel* label_ = nullptr;
};

}  // namespace skyweave::gui
