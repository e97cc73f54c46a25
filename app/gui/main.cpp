// skyweave: the desktop application. Without a display it runs the CLI demo instead, so the
// README's quick-start command does something useful on a headless machine too.
#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QUrl>
#include <csignal>
#include <cstdio>
#include <cstring>
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

// --help and --version work without a display (the man page is generated from them at build time).
// Returns the exit code when one of them was given, -1 otherwise.
int printInformation(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            std::printf(
                "Usage: skyweave [OPTIONS] [FILE...]\n"
                "Stack FITS frames and interpolate sequences of sky images within a memory limit.\n\n"
                "FILE... are FITS or image files (PNG, JPEG, TIFF, BMP) to open; the desktop file\n"
                "passes the files opened or dropped on the launcher from the file manager.\n"
                "Without a display, skyweave runs 'skyweave-cli demo' instead.\n\n"
                "Options:\n"
                "  --demo          open with the bundled sample data loaded\n"
                "  -h, --help      show this help and exit\n"
                "  -v, --version   show the version and exit\n"
                "\nThe same jobs run headless with skyweave-cli(1).\n");
            return 0;
        }
        if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
            std::printf("skyweave %s\n", skyweave::versionString().c_str());
            return 0;
        }
    }
    return -1;
}

}  // namespace

int main(int argc, char** argv) {
    if (const int code = printInformation(argc, argv); code >= 0) return code;
    if (!displayAvailable()) return runHeadlessDemo(argv[0]);
    // Past a file-size limit (ulimit -f) SIGXFSZ would kill the app with a half-written temporary;
    // ignored, the write fails with EFBIG and the job reports it and cleans up (as in skyweave-cli).
    std::signal(SIGXFSZ, SIG_IGN);
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(skyweave::gui::AppSettings::kOrganization);
    QCoreApplication::setApplicationName(skyweave::gui::AppSettings::kApplication);
    QCoreApplication::setApplicationVersion(QString::fromStdString(skyweave::versionString()));
    QApplication::setApplicationDisplayName("Skyweave");
    // Matches the installed desktop file, so Wayland docks show the right icon and launcher.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.skyweave.Skyweave"));
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
