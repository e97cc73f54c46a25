#pragma once

#include <QObject>

class QWidget;

namespace skyweave::gui {

/**
 * @brief Keeps the mouse wheel from changing settings while the user scrolls a form.
 *
 * Installed once on the application (MainWindow does it), so it also covers spin boxes and combo
 * boxes created later: each one gets Qt::StrongFocus when it is polished (the wheel no longer gives
 * it focus), and a wheel event over one that does not have focus is passed on to its parent (the
 * scroll area scrolls) instead of changing the value. A focused box still takes the wheel.
 */
class WheelGuard : public QObject {
    Q_OBJECT

public:
    explicit WheelGuard(QObject* parent = nullptr);

    /// Installs one guard on the running application (once; later calls return the same guard).
    static WheelGuard* installOnApplication();
    /// Gives every spin box and combo box below `root` Qt::StrongFocus (those that already exist).
    static void applyTo(QWidget* root);
    /// True for the widgets the guard looks after (spin boxes, combo boxes).
    [[nodiscard]] static bool guards(const QObject* object);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

}  // namespace skyweave::gui
