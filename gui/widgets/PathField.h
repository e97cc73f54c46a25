#pragma once

#include <QWidget>

class QLineEdit;
class QToolButton;

namespace skyweave::gui {

/// A path line edit with a "…" button that opens the matching file dialog.
class PathField : public QWidget {
    Q_OBJECT

public:
    enum Kind { OpenFile, SaveFile, Folder };

    PathField(Kind kind, QString filter, QWidget* parent = nullptr);

    [[nodiscard]] QLineEdit* lineEdit() const { return edit_; }
    [[nodiscard]] QToolButton* browseButton() const { return browse_; }
    [[nodiscard]] QString path() const;

signals:
    void chosen(QString path);

private:
    Kind kind_;
    QString filter_;
    QLineEdit* edit_ = nullptr;
    QToolButton* browse_ = nullptr;
};

}  // namespace skyweave::gui
