#include "MemoryAlerts.h"

#include <gtest/gtest.h>

#include <QTabWidget>

#include "AppSettings.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TempDir.h"
#include "dialogs/MemoryWarningDialog.h"
#include "memory/MemoryMonitor.h"
#include "tabs/InterpolateTab.h"
#include "tabs/StackTab.h"
#include "widgets/MemoryBanner.h"
#include "widgets/MemoryStatusWidget.h"
#include "widgets/WorkersControl.h"

using namespace skyweave;
using namespace skyweave::gui;

TEST(MemoryStatus, FollowsAFakeProcRootThroughLowAndCriticalWithOnePopupPerEpisode) {
    test::TempDir dir;
    const auto root = dir.file("root");
    test::writeFakeProc(root, 2048, 1500);  // Normal
    qputenv("SKYWEAVE_PROC_ROOT", QByteArray::fromStdString(root.string()));
    AppSettings settings(QString::fromStdString(dir.file("settings.ini").string()));
    MainWindow window(settings);
    qunsetenv("SKYWEAVE_PROC_ROOT");
    window.show();
    MemoryStatusWidget* status = window.memoryStatus();

    window.memoryMonitor().sample();
    EXPECT_EQ(status->level(), MemoryLevel::Normal);
    EXPECT_TRUE(status->text().startsWith("Memory: 1.5 GB available · 27 % used · app 410 MB")) << status->text().toStdString();
    EXPECT_EQ(status->levelColour(), MemoryStatusWidget::colourFor(MemoryLevel::Normal));
    EXPECT_TRUE(status->toolTip().contains("Low below 500 MB")) << status->toolTip().toStdString();

    test::writeFakeProc(root, 2048, 400);  // Low: < 500 MB (80 % used)
    window.memoryMonitor().sample();
    EXPECT_EQ(status->level(), MemoryLevel::Low);
    EXPECT_EQ(status->levelColour().name(), QColor(0xe6, 0x7e, 0x00).name());  // orange
    auto* current = static_cast<JobTab*>(window.tabs()->currentWidget());
    EXPECT_TRUE(current->banner()->isVisible());
    EXPECT_TRUE(current->banner()->message().contains("getting low")) << current->banner()->message().toStdString();
    EXPECT_EQ(window.memoryAlerts()->dialogsShown(), 0);

    test::writeFakeProc(root, 2048, 150);  // Critical: < 200 MB
    window.memoryMonitor().sample();
    EXPECT_EQ(status->level(), MemoryLevel::Critical);
    EXPECT_EQ(status->levelColour().name(), QColor(0xd3, 0x2f, 0x2f).name());  // red
    ASSERT_EQ(window.memoryAlerts()->dialogsShown(), 1);
    MemoryWarningDialog* dialog = window.memoryAlerts()->dialog();
    ASSERT_NE(dialog, nullptr);
    EXPECT_TRUE(dialog->isVisible());
    EXPECT_FALSE(dialog->isModal());
    EXPECT_TRUE(dialog->bodyText().contains("What Skyweave already did"));
    EXPECT_TRUE(dialog->bodyText().contains("Close other applications"));

    // A job's adjustment shows up in the dialog and in the workers control.
    window.memoryAlerts()->onAdjusted("Reduced workers from 4 to 1 (memory critical)");
    EXPECT_TRUE(dialog->bodyText().contains("Reduced workers from 4 to 1")) << dialog->bodyText().toStdString();
    WorkersControl* workers = window.stackTab()->workers();
    workers->onAdjusted("Reduced workers from 4 to 1 (memory critical)");
    EXPECT_EQ(workers->effective(), 1);
    EXPECT_TRUE(workers->effectiveText().contains("effective 1"));

    // Still critical, and the user closed the dialog: no second popup in the same episode.
    dialog->close();
    window.memoryMonitor().sample();
    window.memoryMonitor().sample();
    EXPECT_EQ(window.memoryAlerts()->dialogsShown(), 1);
    EXPECT_FALSE(dialog->isVisible());

    // Back to Normal ends the episode and clears the banner; a new Critical episode may warn again.
    test::writeFakeProc(root, 2048, 1500);
    window.memoryMonitor().sample();
    EXPECT_EQ(status->level(), MemoryLevel::Normal);
    EXPECT_FALSE(current->banner()->isVisible());
    test::writeFakeProc(root, 2048, 100);
    window.memoryMonitor().sample();
    EXPECT_EQ(window.memoryAlerts()->dialogsShown(), 2);
}
