#include "LogHub.h"

#include <QLoggingCategory>
#include <QMetaType>
#include <atomic>

namespace skyweave::gui {

Q_LOGGING_CATEGORY(lcGui, "skyweave.gui")

namespace {

QtMessageHandler previousHandler = nullptr;
std::atomic<bool> installed{false};

int levelOf(QtMsgType type) {
    switch (type) {
    case QtDebugMsg: return 0;
    case QtInfoMsg: return 1;
    case QtWarningMsg: return 2;
    case QtCriticalMsg:
    case QtFatalMsg: return 3;
    }
    return 1;
}

void handleMessage(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    const QString category = context.category ? QString::fromLatin1(context.category) : QString();
    // Job lines come through Job::logMessage (with the job's title); see the class comment.
    if (category != QLatin1String("skyweave.job"))
        LogHub::instance().add(levelOf(type), category == QLatin1String("default") ? QString() : category, message);
    if (previousHandler) previousHandler(type, context, message);
}

}  // namespace

LogHub::LogHub() { qRegisterMetaType<LogEntry>("skyweave::gui::LogEntry"); }

LogHub& LogHub::instance() {
    static LogHub hub;
    return hub;
}

void LogHub::install() {
    if (installed.exchange(true)) return;
    previousHandler = qInstallMessageHandler(handleMessage);
}

void LogHub::uninstall() {
    if (!installed.exchange(false)) return;
    qInstallMessageHandler(previousHandler);
    previousHandler = nullptr;
}

void LogHub::add(int level, const QString& source, const QString& text) {
    emit entryLogged(LogEntry{QDateTime::currentDateTime(), level, source, text});
}

}  // namespace skyweave::gui
