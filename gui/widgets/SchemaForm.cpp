#include "widgets/SchemaForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

#include "widgets/PathField.h"

namespace skyweave::gui {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

/// Frame rates offered in the list; any other rate can be typed ("12.5", "30000/1001").
const char* const kCommonRates[] = {"23.976", "24", "25", "29.97", "30", "50", "59.94", "60"};

/// Ints without a default show this at one below their minimum: "not set, the engine decides".
const char* const kUnsetText = "auto";

}  // namespace

SchemaForm::SchemaForm(const ParamSchema& schema, std::set<std::string> skip, QWidget* parent)
    : QWidget(parent), schema_(schema), skip_(std::move(skip)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    bool anyAdvanced = false;
    for (const std::string& name : schema_.groups()) {
        auto* box = new QGroupBox(tr(name.c_str()), this);
        box->setObjectName(q(name));
        auto* form = new QFormLayout(box);
        groups_[name] = box;
        layouts_[name] = form;
        layout->addWidget(box);
    }
    for (const ParamSpec& spec : schema_.params()) {
        if (skip_.count(spec.key) || spec.group.empty()) continue;
        QGroupBox* box = groups_.at(spec.group);
        QWidget* control = createControl(spec, box);
        QWidget* field = control->parentWidget() != box ? control->parentWidget() : control;  // a PathField wraps its edit
        if (spec.type == ParamType::Flag) layouts_.at(spec.group)->addRow(QString(), field);
        else layouts_.at(spec.group)->addRow(tr(spec.label.c_str()), field);
        field->setToolTip(q(spec.help));
        controls_[spec.key] = control;
        anyAdvanced |= spec.advanced;
    }
    for (auto it = groups_.begin(); it != groups_.end();)  // groups whose every parameter is skipped
        if (layouts_.at(it->first)->rowCount() == 0) {
            delete it->second;
            layouts_.erase(it->first);
            it = groups_.erase(it);
        } else {
            ++it;
        }
    if (anyAdvanced) {
        moreOptions_ = new QCheckBox(tr("More options"), this);
        moreOptions_->setObjectName(QStringLiteral("moreOptions"));
        moreOptions_->setToolTip(tr("Show the options most runs leave at their defaults."));
        layout->addWidget(moreOptions_);
        connect(moreOptions_, &QCheckBox::toggled, this, &SchemaForm::showAdvanced);
        showAdvanced(false);
    }
    for (const ParamSpec& spec : schema_.params())
        if (controls_.count(spec.key)) setControlText(spec, spec.defaultText);
}

QWidget* SchemaForm::createControl(const ParamSpec& spec, QWidget* parent) {
    QWidget* w = nullptr;
    const QString unit = spec.unit.empty() ? QString() : QStringLiteral(" ") + q(spec.unit);
    switch (spec.type) {
    case ParamType::Flag: {
        auto* box = new QCheckBox(tr(spec.label.c_str()), parent);
        connect(box, &QCheckBox::toggled, this, &SchemaForm::changed);
        w = box;
        break;
    }
    case ParamType::Int: {
        auto* spin = new QSpinBox(parent);
        const bool optional = spec.defaultText.empty();
        spin->setRange(static_cast<int>(spec.minimum) - (optional ? 1 : 0), static_cast<int>(spec.maximum));
        if (optional) spin->setSpecialValueText(tr(kUnsetText));
        spin->setSuffix(unit);
        connect(spin, &QSpinBox::valueChanged, this, &SchemaForm::changed);
        w = spin;
        break;
    }
    case ParamType::Number:
    case ParamType::Size: {
        auto* spin = new QDoubleSpinBox(parent);
        spin->setDecimals(spec.decimals > 0 ? spec.decimals : 3);
        spin->setRange(spec.minimum, spec.maximum);
        spin->setSuffix(unit);
        connect(spin, &QDoubleSpinBox::valueChanged, this, &SchemaForm::changed);
        w = spin;
        break;
    }
    case ParamType::Choice:
    case ParamType::Rate: {
        auto* combo = new QComboBox(parent);
        if (spec.type == ParamType::Rate) {
            combo->setEditable(true);
            for (const char* rate : kCommonRates) combo->addItem(QString::fromLatin1(rate), QString::fromLatin1(rate));
        }
        for (const auto& c : spec.choices) combo->addItem(tr(c.label.c_str()), q(c.value));
        connect(combo, &QComboBox::currentTextChanged, this, &SchemaForm::changed);
        w = combo;
        break;
    }
    case ParamType::Text:
        if (!spec.choices.empty()) {  // suggestions, but any text goes (presets, names)
            auto* combo = new QComboBox(parent);
            combo->setEditable(true);
            for (const auto& c : spec.choices) combo->addItem(q(c.label), q(c.value));
            connect(combo, &QComboBox::currentTextChanged, this, &SchemaForm::changed);
            w = combo;
            break;
        }
        [[fallthrough]];
    case ParamType::Path: {
        QLineEdit* edit = nullptr;
        if (spec.type == ParamType::Path) edit = (new PathField(PathField::OpenFile, tr("All files (*)"), parent))->lineEdit();
        else edit = new QLineEdit(parent);
        edit->setPlaceholderText(q(spec.valueName));
        connect(edit, &QLineEdit::textChanged, this, &SchemaForm::changed);
        w = edit;
        break;
    }
    }
    w->setObjectName(q(spec.key));
    return w;
}

void SchemaForm::setControlText(const ParamSpec& spec, const std::string& text) {
    QWidget* w = controls_.at(spec.key);
    const QString t = q(text);
    if (auto* box = qobject_cast<QCheckBox*>(w)) {
        box->setChecked(t == QLatin1String("true") || t == QLatin1String("1"));
    } else if (auto* spin = qobject_cast<QSpinBox*>(w)) {
        spin->setValue(t.isEmpty() ? spin->minimum() : t.toInt());
    } else if (auto* dspin = qobject_cast<QDoubleSpinBox*>(w)) {
        if (spec.type == ParamType::Size) {
            if (const auto bytes = parseMemorySize(text)) dspin->setValue(static_cast<double>(*bytes) / (1 << 30));
        } else if (!t.isEmpty()) {
            dspin->setValue(t.toDouble());
        }
    } else if (auto* combo = qobject_cast<QComboBox*>(w)) {
        const int i = combo->findData(t);
        if (i >= 0) combo->setCurrentIndex(i);
        else if (combo->isEditable()) combo->setEditText(t);
    } else if (auto* edit = qobject_cast<QLineEdit*>(w)) {
        edit->setText(t);
    }
}

std::optional<std::string> SchemaForm::controlText(const ParamSpec& spec) const {
    QWidget* w = controls_.at(spec.key);
    if (auto* box = qobject_cast<QCheckBox*>(w)) return std::string(box->isChecked() ? "true" : "false");
    if (auto* spin = qobject_cast<QSpinBox*>(w)) {
        if (!spin->specialValueText().isEmpty() && spin->value() == spin->minimum()) return std::nullopt;
        return std::to_string(spin->value());
    }
    if (auto* dspin = qobject_cast<QDoubleSpinBox*>(w)) {
        // The shown decimals are the value: what the user sees is what runs.
        const double shown = QString::number(dspin->value(), 'f', dspin->decimals()).toDouble();
        return formatNumber(shown) + (spec.type == ParamType::Size ? "G" : "");
    }
    if (auto* combo = qobject_cast<QComboBox*>(w)) {
        if (combo->isEditable()) return combo->currentText().trimmed().toStdString();
        return combo->currentData().toString().toStdString();
    }
    if (auto* edit = qobject_cast<QLineEdit*>(w)) {
        const QString t = edit->text().trimmed();
        if (t.isEmpty()) return std::nullopt;
        return t.toStdString();
    }
    return std::nullopt;
}

ParamValues SchemaForm::values() const {
    ParamValues out;
    for (const ParamSpec& spec : schema_.params()) {
        if (!controls_.count(spec.key)) continue;
        const QGroupBox* box = groups_.at(spec.group);
        if (box->isCheckable() && !box->isChecked()) continue;
        if (auto text = controlText(spec)) out[spec.key] = *text;
    }
    return out;
}

void SchemaForm::setValues(const ParamValues& values) {
    for (const auto& [key, text] : values)
        if (controls_.count(key)) setControlText(schema_.spec(key), text);
}

QWidget* SchemaForm::control(const std::string& key) const {
    const auto it = controls_.find(key);
    return it == controls_.end() ? nullptr : it->second;
}

QGroupBox* SchemaForm::group(const std::string& name) const {
    const auto it = groups_.find(name);
    return it == groups_.end() ? nullptr : it->second;
}

void SchemaForm::setGroupOptional(const std::string& name, const QString& title, bool ticked) {
    QGroupBox* box = groups_.at(name);
    box->setTitle(title);
    box->setCheckable(true);
    box->setChecked(ticked);
    connect(box, &QGroupBox::toggled, this, &SchemaForm::changed);
}

void SchemaForm::addRow(const std::string& groupName, const QString& label, QWidget* widget) {
    layouts_.at(groupName)->addRow(label, widget);
}

QString SchemaForm::labelFor(const std::string& key) const { return tr(schema_.spec(key).label.c_str()); }

void SchemaForm::showAdvanced(bool show) {
    for (const ParamSpec& spec : schema_.params()) {
        if (!spec.advanced || !controls_.count(spec.key)) continue;
        QWidget* w = controls_.at(spec.key);
        QWidget* field = w->parentWidget() != groups_.at(spec.group) ? w->parentWidget() : w;
        layouts_.at(spec.group)->setRowVisible(field, show);
    }
}

}  // namespace skyweave::gui
