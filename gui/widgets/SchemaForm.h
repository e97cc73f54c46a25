#pragma once

#include <QString>
#include <QWidget>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "common/ParamSchema.h"

class QCheckBox;
class QFormLayout;
class QGroupBox;
class QVBoxLayout;

namespace skyweave::gui {

/**
 * @brief The settings form of one command, built from its ParamSchema.
 *
 * One group box per schema group, one control per parameter (object name = the parameter's key,
 * so AppSettings remembers it under the same name the command line uses), the help as tooltip and
 * the default as the initial value. Advanced parameters stay folded until "More options" is
 * ticked. values() gives the text every front end passes to the request mapping, so a form and a
 * command line with the same values describe the same run.
 */
class SchemaForm : public QWidget {
    Q_OBJECT

public:
    /// `skip`: keys the tab shows with controls of its own (output path, workers).
    SchemaForm(const ParamSchema& schema, std::set<std::string> skip, QWidget* parent = nullptr);

    /// Every shown parameter's value as text; parameters of an unticked optional group are left out.
    [[nodiscard]] ParamValues values() const;
    /// Sets the controls of the given keys (others keep their value). Unknown keys are ignored.
    void setValues(const ParamValues& values);

    [[nodiscard]] QWidget* control(const std::string& key) const;
    [[nodiscard]] QGroupBox* group(const std::string& name) const;
    /// Makes a group optional (a tick in its title): its parameters count only when ticked.
    void setGroupOptional(const std::string& name, const QString& title, bool ticked);
    /// Adds a row of the tab's own to a group (e.g. the workers control).
    void addRow(const std::string& groupName, const QString& label, QWidget* widget);
    /// The label a message should use for `key` ("Low" for sigma-low).
    [[nodiscard]] QString labelFor(const std::string& key) const;

signals:
    /// Any control changed its value.
    void changed();

private:
    QWidget* createControl(const ParamSpec& spec, QWidget* parent);
    void setControlText(const ParamSpec& spec, const std::string& text);
    [[nodiscard]] std::optional<std::string> controlText(const ParamSpec& spec) const;
    void showAdvanced(bool show);

    const ParamSchema& schema_;
    std::set<std::string> skip_;
    std::map<std::string, QGroupBox*> groups_;
    std::map<std::string, QFormLayout*> layouts_;
    std::map<std::string, QWidget*> controls_;
    QCheckBox* moreOptions_ = nullptr;
};

}  // namespace skyweave::gui
