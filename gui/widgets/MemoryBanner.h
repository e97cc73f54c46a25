#pragma once

#include <QColor>
#include <QFrame>

class QLabel;

namespace skyweave::gui {

/// A slim, dismissable strip at the top of a tab: "Memory is getting low …" on orange, or on red
/// when memory is critical. Never blocks input.
class MemoryBanner : public QFrame {
    Q_OBJECT

public:
    explicit MemoryBanner(QWidget* parent = nullptr);

    void showMessage(const QString& text, bool critical = false);
    [[nodiscard]] QString message() const;
    [[nodiscard]] bool isCritical() const { return critical_; }
    /// The frame colour in use: orange for low memory, red for critical (the status bar's colours).
    [[nodiscard]] QColor accentColour() const;

private:
    QLabel* label_ = nullptr;
    bool critical_ = false;
};

}  // namespace skyweave::gui
