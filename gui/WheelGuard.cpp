#include "WheelGuard.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QWidget>

namespace skyweave::gui {

namespace {

void strongFocus(QWidget* w) {
    if (w->focusPolicy() == Qt::WheelFocus) w->setFocusPolicy(Qt::StrongFocus);
}

}  // namespace

WheelGuard::WheelGuard(QObject* parent) : QObject(parent) { setObjectName(QStringLiteral("wheelGuard")); }

WheelGuard* WheelGuard::installOnApplication() {
    auto* app = QCoreApplication::instance();
    if (!app) return nullptr;
    if (auto* existing = app->findChild<WheelGuard*>(QStringLiteral("wheelGuard"), Qt::FindDirectChildrenOnly))
        return existing;
    auto* guard = new WheelGuard(app);
    app->installEventFilter(guard);
    return guard;
}

void WheelGuard::applyTo(QWidget* root) {
    for (auto* w : root->findChildren<QAbstractSpinBox*>()) strongFocus(w);
    for (auto* w : root->findChildren<QComboBox*>()) strongFocus(w);
}

bool WheelGuard::guards(const QObject* object) {
    return qobject_cast<const QAbstractSpinBox*>(object) || qobject_cast<const QComboBox*>(object);
}

bool WheelGuard::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Polish && guards(watched)) {
        strongFocus(static_cast<QWidget*>(watched));
    } else if (event->type() == QEvent::Wheel && watched->isWidgetType()) {
        // The wheel reaches a spin box either directly or through its inner line edit.
        auto* w = static_cast<QWidget*>(watched);
        QWidget* box = guards(w) ? w : (w->parentWidget() && guards(w->parentWidget()) ? w->parentWidget() : nullptr);
        if (box && !box->hasFocus()) {
            strongFocus(box);
            event->ignore();  // not accepted: QApplication offers it to the parents (the scroll area)
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

}  // namespace skyweave::gui
