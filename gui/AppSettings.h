#pragma once

#include <QSettings>
#include <QString>
#include <QVariant>
#include <memory>

class QWidget;

namespace skyweave::gui {

/**
 * @brief Every persisted GUI setting goes through here: one QSettings with one name.
 *
 * The original app lost settings because different places opened QSettings under different
 * organisation/application names; Skyweave has exactly one (org "Skyweave", app "Skyweave") or an
 * explicit ini file (tests). Forms are saved generically: every input widget with an objectName
 * below a form (line edits, spin boxes, combo boxes, check boxes, sliders) is stored under
 * "<group>/<objectName>", so a new control is remembered without extra code. A widget whose
 * dynamic property "persist" is false is skipped.
 */
class AppSettings {
public:
    static constexpr const char* kOrganization = "Skyweave";
    static constexpr const char* kApplication = "Skyweave";

    /// The user's settings (native format, org/app names above).
    AppSettings();
    /// Settings kept in an ini file at `iniPath` (tests, portable use).
    explicit AppSettings(const QString& iniPath);
    ~AppSettings();

    [[nodiscard]] QVariant value(const QString& key, const QVariant& defaultValue = {}) const;
    void setValue(const QString& key, const QVariant& value);
    void sync();
    [[nodiscard]] QString fileName() const;

    /// Stores every input widget below `form` under `group`.
    void saveForm(const QString& group, const QWidget* form);
    /// Restores what saveForm() stored; widgets without a stored value keep their defaults.
    void restoreForm(const QString& group, QWidget* form) const;

private:
    std::unique_ptr<QSettings> settings_;
};

}  // namespace skyweave::gui
