// Window-wide behaviour: the wheel over settings, first-start geometry, memory warnings, help.
#include "MainWindow.h"

#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>
#include <QWheelEvent>

#include "AppSettings.h"
#include "GuiTestSupport.h"
#include "MemoryAlerts.h"
#include "TempDir.h"
#include "WindowPlacement.h"
#include "dialogs/HelpDialog.h"
#include "dialogs/MemoryWarningDialog.h"
#include "memory/MemoryMonitor.h"
#include "tabs/StackTab.h"
#include "widgets/LogDock.h"
#include "widgets/MemoryBanner.h"
#include "widgets/MemoryChartDock.h"
#include "widgets/MemoryStatusWidget.h"

using namespace skyweave;
using namespace skyweave::gui;

namespace {

QString qs(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }

void wheelDown(QWidget* target) {
    const QPointF at(target->width() / 2.0, target->height() / 2.0);
    QWheelEvent wheel(at, target->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(target, &wheel);
}

}  // namespace

TEST(WheelGuard, WheelOverAnUnfocusedSpinBoxScrollsThePanelInsteadOfChangingIt) {
    test::TempDir dir;
    AppSettings settings(qs(dir.file("s.ini")));
    MainWindow window(settings);
    window.resize(1000, 420);  // short: the settings column scrolls
    window.show();
    window.tabs()->setCurrentWidget(window.stackTab());
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    auto* chunk = window.stackTab()->findChild<QSpinBox*>("chunk-size");
    ASSERT_NE(chunk, nullptr);
    EXPECT_EQ(chunk->focusPolicy(), Qt::StrongFocus);
    window.stackTab()->setFocus();
    ASSERT_FALSE(chunk->hasFocus());
    chunk->setValue(10);
    wheelDown(chunk);
    EXPECT_EQ(chunk->value(), 10);
    // The inner line edit is guarded too.
    wheelDown(chunk->findChild<QLineEdit*>());
    EXPECT_EQ(chunk->value(), 10);

    // Once the user has clicked into it, the wheel changes it as usual.
    QApplication::setActiveWindow(&window);
    chunk->setFocus(Qt::MouseFocusReason);
    if (chunk->hasFocus()) {  // focus needs an active window, which some platforms refuse
        wheelDown(chunk);
        EXPECT_EQ(chunk->value(), 9);
    }
}

TEST(WindowPlacement, FirstWindowFitsA1280x720ScreenWithItsTitleBar) {
    const QRect available(0, 0, 1280, 720);
    const QRect g = WindowPlacement::initialGeometry(available);
    EXPECT_TRUE(available.contains(g.marginsAdded(WindowPlacement::kFrameAllowance))) << g.width() << "x" << g.height();
    EXPECT_LT(g.height(), 720);  // not the whole screen: the title bar needs room
    EXPECT_GE(g.width(), 1200);
    EXPECT_TRUE(WindowPlacement::fits(g, available));
    // A panel at the top (available area starting at y = 27) is respected too.
    const QRect withPanel(0, 27, 1280, 693);
    EXPECT_TRUE(withPanel.contains(WindowPlacement::initialGeometry(withPanel).marginsAdded(WindowPlacement::kFrameAllowance)));
    // A large screen gets the capped size, centred.
    const QRect big = WindowPlacement::initialGeometry(QRect(0, 0, 2560, 1440));
    EXPECT_EQ(big.size(), QSize(WindowPlacement::kMaxWidth, WindowPlacement::kMaxHeight));
    EXPECT_FALSE(WindowPlacement::fits(QRect(0, 0, 1280, 720), available));  // exactly the screen: title bar off
}

TEST(WindowPlacement, MainWindowOpensInsideTheScreenAndIgnoresASavedGeometryThatDoesNotFit) {
    test::TempDir dir;
    const QString ini = qs(dir.file("s.ini"));
    const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
    {
        AppSettings settings(ini);
        MainWindow window(settings);
        EXPECT_TRUE(WindowPlacement::fits(window.geometry(), available)) << window.width() << "x" << window.height();
        // On a small screen the docks start closed so the previews keep their room.
        EXPECT_EQ(window.logDock()->isHidden(), window.height() < MainWindow::kCompactWindowHeight);
        EXPECT_EQ(window.memoryDock()->isHidden(), window.height() < MainWindow::kCompactWindowHeight);
        window.setGeometry(QRect(0, 0, available.width() + 400, available.height() + 300));  // from a larger monitor
        window.saveSettings();
    }
    AppSettings settings(ini);
    MainWindow window(settings);
    EXPECT_TRUE(WindowPlacement::fits(window.geometry(), available)) << window.width() << "x" << window.height();
    window.show();  // laid out: its minimum size applies, and it still fits
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    EXPECT_TRUE(available.contains(window.frameGeometry())) << window.width() << "x" << window.height();
}

TEST(MemoryWarnings, CriticalBannerIsRedAndSaysWhatIsAtRisk) {
    test::TempDir dir;
    const auto root = dir.file("root");
    test::writeFakeProc(root, 2048, 400);  // Low
    qputenv("SKYWEAVE_PROC_ROOT", QByteArray::fromStdString(root.string()));
    AppSettings settings(qs(dir.file("s.ini")));
    MainWindow window(settings);
    qunsetenv("SKYWEAVE_PROC_ROOT");
    window.show();
    auto* banner = static_cast<JobTab*>(window.tabs()->currentWidget())->banner();
    window.memoryMonitor().sample();
    ASSERT_TRUE(banner->isVisible());
    EXPECT_EQ(banner->accentColour(), MemoryStatusWidget::colourFor(MemoryLevel::Low));
    EXPECT_TRUE(banner->styleSheet().contains(MemoryStatusWidget::colourFor(MemoryLevel::Low).name()));

    test::writeFakeProc(root, 2048, 150);  // Critical
    window.memoryMonitor().sample();
    EXPECT_TRUE(banner->isCritical());
    EXPECT_EQ(banner->accentColour(), MemoryStatusWidget::colourFor(MemoryLevel::Critical));
    EXPECT_TRUE(banner->styleSheet().contains(MemoryStatusWidget::colourFor(MemoryLevel::Critical).name()));
    EXPECT_FALSE(banner->styleSheet().contains(MemoryStatusWidget::colourFor(MemoryLevel::Low).name()));
    EXPECT_FALSE(banner->message().contains("may be slow")) << banner->message().toStdString();
    EXPECT_TRUE(banner->message().contains("may stop Skyweave")) << banner->message().toStdString();

    // The popup's title does not name the application (the platform appends it).
    MemoryWarningDialog* dialog = window.memoryAlerts()->dialog();
    ASSERT_NE(dialog, nullptr);
    EXPECT_FALSE(dialog->windowTitle().contains("Skyweave")) << dialog->windowTitle().toStdString();
    // "Show memory panel" brings the Memory tab forward and closes the popup.
    window.logDock()->raise();
    auto* showPanel = dialog->findChild<QPushButton*>("showMemoryPanelButton");
    ASSERT_NE(showPanel, nullptr);
    showPanel->click();
    EXPECT_FALSE(dialog->isVisible());
    EXPECT_FALSE(window.memoryDock()->visibleRegion().isEmpty());
}

TEST(MemoryWarnings, CtrlMRaisesTheMemoryTabAndNeverHidesIt) {
    test::TempDir dir;
    AppSettings settings(qs(dir.file("s.ini")));
    MainWindow window(settings);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    auto* action = window.findChild<QAction*>("showMemoryAction");
    ASSERT_NE(action, nullptr);
    EXPECT_EQ(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_M));
    for (int i = 0; i < 2; ++i) {  // twice: a toggle would hide it the second time
        window.logDock()->raise();
        action->trigger();
        EXPECT_TRUE(window.memoryDock()->isVisible());
        EXPECT_FALSE(window.memoryDock()->visibleRegion().isEmpty());
        EXPECT_TRUE(window.logDock()->visibleRegion().isEmpty());
    }
    // The chart is tall enough for its axis labels.
    EXPECT_GE(window.memoryDock()->widget()->minimumHeight(), MemoryChartDock::kMinChartHeight);
}

TEST(Help, F1OpensTheUserGuideNotAbout) {
    test::TempDir dir;
    AppSettings settings(qs(dir.file("s.ini")));
    MainWindow window(settings);
    auto* help = window.findChild<QAction*>("helpAction");
    ASSERT_NE(help, nullptr);
    EXPECT_EQ(help->shortcut(), QKeySequence(QKeySequence::HelpContents));
    help->trigger();
    ASSERT_NE(window.helpDialog(), nullptr);
    EXPECT_TRUE(window.helpDialog()->isVisible());
    const QString text = window.helpDialog()->browser()->toPlainText();
    EXPECT_TRUE(text.contains("Stack")) << text.toStdString();
    EXPECT_TRUE(text.contains("Interpolate")) << text.toStdString();
    EXPECT_TRUE(text.contains("Memory")) << text.toStdString();
    window.helpDialog()->close();
}
