#pragma once

#include <QString>

namespace skyweave::gui {

/**
 * @brief The folder the user last chose files in, shared by every file dialog of the window.
 *
 * Dialogs open there (when their field is empty) and report what the user picked; MainWindow keeps
 * the value in AppSettings ("paths/lastFolder") across runs.
 */
class RecentFolder {
public:
    /// The last folder used, or the home folder when none (or it no longer exists).
    [[nodiscard]] static QString path();
    static void setPath(const QString& folder);
    /// Records the folder of `fileOrFolder` (a folder itself, or the folder holding a file).
    static void remember(const QString& fileOrFolder);
    /// Where a dialog for `current` (a field's text, may be empty) should open.
    [[nodiscard]] static QString startFor(const QString& current);

private:
    static QString& storage();
};

}  // namespace skyweave::gui
