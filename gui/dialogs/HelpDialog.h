#pragma once

#include <QDialog>

class QTextBrowser;

namespace skyweave::gui {

/**
 * @brief The user guide (F1): resources/help/index.html — the README's "Using the desktop
 *        application" section — compiled into the application, so it matches the installed version
 *        and needs no network. Links to other sites open in the default browser.
 */
class HelpDialog : public QDialog {
    Q_OBJECT

public:
    static constexpr const char* kHelpUrl = "qrc:/help/index.html";

    explicit HelpDialog(QWidget* parent = nullptr);

    [[nodiscard]] QTextBrowser* browser() const { return browser_; }

private:
    QTextBrowser* browser_ = nullptr;
};

}  // namespace skyweave::gui
