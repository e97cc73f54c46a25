#pragma once

#include <QDockWidget>
#include <deque>

#include "LogHub.h"

class QComboBox;
class QLineEdit;
class QPlainTextEdit;

namespace skyweave::gui {

/**
 * @brief The log panel: every line from core and from jobs, filterable by level and text, copyable.
 *
 * Keeps the last kMaxEntries lines; the view shows those passing the filter. Copy copies the
 * selection, or every visible line when nothing is selected.
 */
class LogDock : public QDockWidget {
    Q_OBJECT

public:
    static constexpr std::size_t kMaxEntries = 5000;

    /// Modest first-start height: the tabs get most of the window; the user drags for more.
    QSize sizeHint() const override { return {640, 150}; }

    explicit LogDock(QWidget* parent = nullptr);

    /// Lines currently visible (after the filter), as plain text.
    [[nodiscard]] QString visibleText() const;
    [[nodiscard]] int minimumLevel() const;
    void setMinimumLevel(int level);

public slots:
    void append(const skyweave::gui::LogEntry& entry);
    /// For Job::logMessage: `source` is the job's title.
    void appendJobLine(const QString& source, int level, const QString& text);
    void copyToClipboard();
    void clear();

private:
    [[nodiscard]] bool passes(const LogEntry& entry) const;
    void rebuild();
    void show(const LogEntry& entry);

    std::deque<LogEntry> entries_;
    QComboBox* levelCombo_ = nullptr;
    QLineEdit* filterEdit_ = nullptr;
    QPlainTextEdit* view_ = nullptr;
};

}  // namespace skyweave::gui
