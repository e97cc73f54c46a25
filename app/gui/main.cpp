// skyweave: the desktop application. Without a display it runs the CLI demo instead, so the
// README's quick-start command does something useful on a headless machine too.
#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QUrl>
#include <cstdio>
#include <unistd.h>

#include "AppSettings.h"
#include "LogHub.h"
#include "MainWindow.h"
#include "common/BuildInfo.h"

namespace {

bool displayAvailable() {
    const auto env = QProcessEnvironment::systemEnvironment();
    return !env.value("DISPLAY").isEmpty() || !env.value("WAYLAND_DISPLAY").isEmpty() ||
           !env.value("QT_QPA_PLATFORM").isEmpty();
}

int runHeadlessDemo(char* argv0) {
    const std::string self = QFileInfo(QString::fromLocal8Bit(argv0)).absolutePath().toStdString();
    const std::string cli = self + "/skyweave-cli";
    std::fprintf(stderr, "skyweave: no display found; running '%s demo' instead.\n", cli.c_str());
    std::fflush(stderr);
    execl(cli.c_str(), "skyweave-cli", "demo", static_cast<char*>(nullptr));
    std::perror("skyweave: could not start skyweave-cli");
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (!displayAvailable()) return runHeadlessDemo(argv[0]);
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(skyweave::gui::AppSettings::kOrganization);
    QCoreApplication::setApplicationName(skyweave::gui::AppSettings::kApplication);
    QCoreApplication::setApplicationVersion(QString::fromStdString(skyweave::versionString()));
    QApplication::setApplicationDisplayName("Skyweave");
    QApplication::setWindowIcon(QIcon(":/icons/skyweave.svg"));

    QCommandLineParser parser;
    parser.setApplicationDescription("Memory-aware stacking and frame interpolation for sequences of sky images.");
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({"demo", "Open with the bundled sample data loaded in both tabs."});
    parser.addPositionalArgument("FILES", "FITS frames, image folders or images to open.", "[FILES...]");
    parser.process(app);

    skyweave::gui::LogHub::instance().install();
    skyweave::gui::AppSettings settings;
    skyweave::gui::MainWindow window(settings);
    window.show();
    if (parser.isSet("demo")) window.loadDemo();
    QList<QUrl> urls;
    for (const QString& arg : parser.positionalArguments()) urls << QUrl::fromLocalFile(QFileInfo(arg).absoluteFilePath());
    if (!urls.isEmpty()) window.openPaths(urls);
    const int code = QApplication::exec();
    skyweave::gui::LogHub::instance().uninstall();
    return code;
}
