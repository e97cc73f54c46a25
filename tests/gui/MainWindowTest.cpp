#include "MainWindow.h"

#include <gtest/gtest.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QTabWidget>
#include <QUrl>

#include "AppSettings.h"
#include "GuiTestSupport.h"
#include "TempDir.h"
#include "models/FitsFileListModel.h"
#include "tabs/InterpolateTab.h"
#include "tabs/StackTab.h"
#include "widgets/LogDock.h"
#include "widgets/WorkersControl.h"

using namespace skyweave;
using namespace skyweave::gui;

namespace {
template <typename T>
T* child(QWidget* parent, const char* name) {
    T* w = parent->findChild<T*>(QString::fromLatin1(name));
    EXPECT_NE(w, nullptr) << name;
    return w;
}
}  // namespace

TEST(MainWindow, EverySettingSurvivesARestart) {
    test::TempDir dir;
    const QString ini = QString::fromStdString(dir.file("skyweave.ini").string());
    {
        AppSettings settings(ini);
        MainWindow window(settings);
        window.show();
        window.resize(1111, 777);
        window.tabs()->setCurrentWidget(window.stackTab());
        child<QSpinBox>(window.interpolateTab(), "factor")->setValue(6);
        auto* method = child<QComboBox>(window.interpolateTab(), "method");
        method->setCurrentIndex(method->findData("blend"));
        child<QLineEdit>(window.interpolateTab(), "output")->setText("/tmp/loop.mkv");
        child<QComboBox>(window.interpolateTab(), "fps")->setEditText("12.5");  // typed, not in the list
        child<QDoubleSpinBox>(window.stackTab(), "memory-limit")->setValue(0.5);
        child<QSpinBox>(window.stackTab(), "chunk-size")->setValue(7);
        auto* reject = child<QComboBox>(window.stackTab(), "reject");
        reject->setCurrentIndex(reject->findData("winsorized"));
        window.stackTab()->workers()->setRequested(2);
        window.logDock()->setMinimumLevel(2);
        window.close();  // saves, as a user's close does
    }
    AppSettings settings(ini);
    EXPECT_EQ(settings.value("interpolate/factor").toInt(), 6);
    MainWindow window(settings);
    EXPECT_EQ(window.size(), QSize(1111, 777));
    EXPECT_EQ(window.tabs()->currentWidget(), window.stackTab());
    EXPECT_EQ(child<QSpinBox>(window.interpolateTab(), "factor")->value(), 6);
    EXPECT_EQ(child<QComboBox>(window.interpolateTab(), "method")->currentData().toString(), "blend");
    EXPECT_EQ(child<QLineEdit>(window.interpolateTab(), "output")->text(), "/tmp/loop.mkv");
    EXPECT_EQ(child<QComboBox>(window.interpolateTab(), "fps")->currentText(), "12.5");
    EXPECT_EQ(window.interpolateTab()->request().video->fpsDen, 2);  // 12.5 fps is 25/2
    EXPECT_DOUBLE_EQ(child<QDoubleSpinBox>(window.stackTab(), "memory-limit")->value(), 0.5);
    EXPECT_EQ(child<QSpinBox>(window.stackTab(), "chunk-size")->value(), 7);
    EXPECT_EQ(child<QComboBox>(window.stackTab(), "reject")->currentData().toString(), "winsorized");
    EXPECT_EQ(window.stackTab()->workers()->requested(), 2);
    EXPECT_EQ(window.logDock()->minimumLevel(), 2);
}

TEST(MainWindow, DropAnywhereRoutesFilesToTheRightTab) {
    test::TempDir dir;
    test::writeFits(dir.file("a.fits"), 8, 8, 1.0f);
    test::writeFrames(dir.file("loop"), 3, 64, 48);
    AppSettings settings(QString::fromStdString(dir.file("s.ini").string()));
    MainWindow window(settings);
    window.openPaths({QUrl::fromLocalFile(QString::fromStdString(dir.file("loop").string()))});
    EXPECT_EQ(window.tabs()->currentWidget(), window.interpolateTab());
    EXPECT_EQ(window.interpolateTab()->inputs().size(), 1);
    window.openPaths({QUrl::fromLocalFile(QString::fromStdString(dir.file("a.fits").string()))});
    EXPECT_EQ(window.tabs()->currentWidget(), window.stackTab());
    EXPECT_EQ(window.stackTab()->files()->rowCount(), 1);
}
