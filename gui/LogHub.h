#pragma once

#include <QDateTime>
#include <QLoggingCategory>
#include <QObject>
#include <QString>

namespace skyweave::gui {

/// The GUI's own log lines ("skyweave.gui").
Q_DECLARE_LOGGING_CATEGORY(lcGui)

/// One line for the log panel. Levels as in ProgressSink: 0 debug, 1 info, 2 warning, 3 error.
struct LogEntry {
    QDateTime time;
    int level = 1;
    QString source;  ///< logging category or job title
    QString text;
};

/**
 * @brief Collects log lines for the log panel from the Qt message handler and from Jobs.
 *
 * install() puts a Qt message handler in front of the previous one (which still prints to
 * stderr), so qCInfo/qCWarning from core land in the panel. The handler may run on any thread;
 * entryLogged is emitted there and reaches GUI receivers through a queued connection. Job lines
 * arrive through addJobLine() (connected to Job::logMessage); the "skyweave.job" category, which
 * carries the same lines, is therefore not taken from the handler to avoid showing them twice.
 */
class LogHub : public QObject {
    Q_OBJECT

public:
    static LogHub& instance();

    /// Installs the message handler (idempotent).
    void install();
    /// Restores the previous handler.
    void uninstall();

    void add(int level, const QString& source, const QString& text);

signals:
    void entryLogged(skyweave::gui::LogEntry entry);

private:
    LogHub();
};

}  // namespace skyweave::gui

Q_DECLARE_METATYPE(skyweave::gui::LogEntry)
