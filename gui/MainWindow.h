#pragma once

#include <QMainWindow>

class QTabWidget;

namespace skyweave::gui {

/**
 * @brief The application window: Interpolate and Stack tabs over a status bar.
 *
 * Renders core state and forwards user intent to core Jobs; it does no processing itself.
 */
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);

    [[nodiscard]] QTabWidget* tabs() const { return tabs_; }

private:
    QTabWidget* tabs_ = nullptr;
};

}  // namespace skyweave::gui
