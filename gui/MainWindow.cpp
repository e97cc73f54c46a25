#include "MainWindow.h"

#include <QLabel>
#include <QStatusBar>
#include <QTabWidget>

namespace skyweave::gui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("Skyweave"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/skyweave.svg")));
    tabs_ = new QTabWidget(this);
    tabs_->setObjectName(QStringLiteral("mainTabs"));
    tabs_->addTab(new QLabel(tr("Interpolate a satellite loop into a smooth video."), tabs_), tr("&Interpolate"));
    tabs_->addTab(new QLabel(tr("Stack FITS frames within a memory limit."), tabs_), tr("&Stack"));
    setCentralWidget(tabs_);
    statusBar()->showMessage(tr("Ready"));
    resize(1100, 720);
}

}  // namespace skyweave::gui
