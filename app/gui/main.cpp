// skyweave: the desktop application. Without a display it runs the CLI demo instead, so the
// README's quick-start command does something useful on a headless machine too.
#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <cstdio>
#include <unistd.h>

#include "MainWindow.h"

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
    QCoreApplication::setOrganizationName("Skyweave");
    QCoreApplication::setApplicationName("Skyweave");
    QApplication::setApplicationDisplayName("Skyweave");
    skyweave::gui::MainWindow window;
    window.show();
    return QApplication::exec();
}
