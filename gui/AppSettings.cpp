#include "AppSettings.h"

#include <QAbstractSlider>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QLineEdit>
#include <QRadioButton>
#include <QSpinBox>
#include <QWidget>

namespace skyweave::gui {

namespace {

bool persisted(const QObject* w) {
    if (w->objectName().isEmpty() || w->objectName().startsWith(QLatin1String("qt_"))) return false;
    const QVariant p = w->property("persist");
    return !p.isValid() || p.toBool();
}

QString keyFor(const QString& group, const QObject* w) { return group + QLatin1Char('/') + w->objectName(); }

}  // namespace

AppSettings::AppSettings() : settings_(std::make_unique<QSettings>(kOrganization, kApplication)) {}

AppSettings::AppSettings(const QString& iniPath)
    : settings_(std::make_unique<QSettings>(iniPath, QSettings::IniFormat)) {}

AppSettings::~AppSettings() = default;

QVariant AppSettings::value(const QString& key, const QVariant& defaultValue) const {
    return settings_->value(key, defaultValue);
}

void AppSettings::setValue(const QString& key, const QVariant& value) { settings_->setValue(key, value); }

void AppSettings::sync() { settings_->sync(); }

QString AppSettings::fileName() const { return settings_->fileName(); }

void AppSettings::saveForm(const QString& group, const QWidget* form) {
    for (const auto* w : form->findChildren<QLineEdit*>()) {
        // A spin box's inner line edit has no objectName of its own, so persisted() skips it.
        if (persisted(w) && !w->isReadOnly()) settings_->setValue(keyFor(group, w), w->text());
    }
    for (const auto* w : form->findChildren<QSpinBox*>())
        if (persisted(w)) settings_->setValue(keyFor(group, w), w->value());
    for (const auto* w : form->findChildren<QDoubleSpinBox*>())
        if (persisted(w)) settings_->setValue(keyFor(group, w), w->value());
    for (const auto* w : form->findChildren<QComboBox*>()) {
        if (!persisted(w)) continue;
        // Store the item data when there is some (stable across translations), else the text. An editable
        // box (frame rate, preset) may hold typed text that no item has: its text is the value.
        const QVariant data = w->isEditable() ? QVariant() : w->currentData();
        settings_->setValue(keyFor(group, w), data.isValid() ? data : QVariant(w->currentText()));
    }
    for (const auto* w : form->findChildren<QCheckBox*>())
        if (persisted(w)) settings_->setValue(keyFor(group, w), w->isChecked());
    for (const auto* w : form->findChildren<QRadioButton*>())
        if (persisted(w)) settings_->setValue(keyFor(group, w), w->isChecked());
    for (const auto* w : form->findChildren<QGroupBox*>())
        if (persisted(w) && w->isCheckable()) settings_->setValue(keyFor(group, w), w->isChecked());
    for (const auto* w : form->findChildren<QAbstractSlider*>())
        if (persisted(w)) settings_->setValue(keyFor(group, w), w->value());
}

void AppSettings::restoreForm(const QString& group, QWidget* form) const {
    const auto stored = [&](const QObject* w) -> QVariant {
        return persisted(w) ? settings_->value(keyFor(group, w)) : QVariant();
    };
    for (auto* w : form->findChildren<QLineEdit*>())
        if (const QVariant v = stored(w); v.isValid() && !w->isReadOnly()) w->setText(v.toString());
    for (auto* w : form->findChildren<QSpinBox*>())
        if (const QVariant v = stored(w); v.isValid()) w->setValue(v.toInt());
    for (auto* w : form->findChildren<QDoubleSpinBox*>())
        if (const QVariant v = stored(w); v.isValid()) w->setValue(v.toDouble());
    for (auto* w : form->findChildren<QComboBox*>()) {
        const QVariant v = stored(w);
        if (!v.isValid()) continue;
        int index = w->findData(v);
        if (index < 0) index = w->findText(v.toString());
        if (index >= 0) w->setCurrentIndex(index);
        else if (w->isEditable()) w->setEditText(v.toString());
    }
    for (auto* w : form->findChildren<QCheckBox*>())
        if (const QVariant v = stored(w); v.isValid()) w->setChecked(v.toBool());
    for (auto* w : form->findChildren<QRadioButton*>())
        if (const QVariant v = stored(w); v.isValid() && v.toBool()) w->setChecked(true);
    for (auto* w : form->findChildren<QGroupBox*>())
        if (const QVariant v = stored(w); v.isValid() && w->isCheckable()) w->setChecked(v.toBool());
    for (auto* w : form->findChildren<QAbstractSlider*>())
        if (const QVariant v = stored(w); v.isValid()) w->setValue(v.toInt());
}

}  // namespace skyweave::gui
