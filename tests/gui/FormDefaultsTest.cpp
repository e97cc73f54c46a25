// What the forms propose and remember, and what they forget when the input changes.
#include "MainWindow.h"

#include <gtest/gtest.h>

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>

#include "AppSettings.h"
#include "GuiTestSupport.h"
#include "JobController.h"
#include "RecentFolder.h"
#include "SequencePreview.h"
#include "TabTestSupport.h"
#include "TempDir.h"
#include "models/FitsFileListModel.h"
#include "tabs/InterpolateTab.h"
#include "tabs/StackTab.h"
#include "widgets/BeforeAfterView.h"
#include "widgets/JobProgressPanel.h"
#include "widgets/PairComparePanel.h"
#include "widgets/VideoResultBar.h"

using namespace skyweave;
using namespace skyweave::gui;

namespace {
using skyweave::test::qs;

void waitForHeaders(StackTab* tab) {
    QSignalSpy read(tab->files(), &FitsFileListModel::headersRead);
    if (tab->files()->pendingCount() > 0) {
        ASSERT_TRUE(read.wait(10000));
    }
}
}  // namespace

TEST(FormDefaults, StackOutputIsFilledInNextToTheFirstFrameOnlyWhenEmpty) {
    test::TempDir dir;
    std::filesystem::create_directories(dir.file("night"));
    test::writeFits(dir.file("night/a.fits"), 8, 8, 1.0f);
    JobController jobs;
    StackTab tab(&jobs);
    EXPECT_TRUE(tab.outputPath().isEmpty());
    tab.addPaths({qs(dir.file("night/a.fits"))});
    EXPECT_EQ(tab.outputPath(), qs(dir.file("night/stacked.fits")));
    // A path the user chose is never replaced.
    tab.setOutputPath("/elsewhere/mine.fits");
    test::writeFits(dir.file("night/b.fits"), 8, 8, 2.0f);
    tab.addPaths({qs(dir.file("night/b.fits"))});
    EXPECT_EQ(tab.outputPath(), "/elsewhere/mine.fits");
    waitForHeaders(&tab);
}

TEST(FormDefaults, InterpolateOutputGoesIntoTheInputFolder) {
    test::TempDir dir;
    test::writeFrames(dir.file("goes"), 3, 32, 24);
    JobController jobs;
    InterpolateTab tab(&jobs);
    QSignalSpy shown(&tab, &InterpolateTab::previewShown);
    tab.setFactor(4);
    tab.addPaths({qs(dir.file("goes"))});
    EXPECT_EQ(tab.request().video->outputPath, dir.file("goes/goes_x4.mp4").string());
    ASSERT_TRUE(shown.count() > 0 || shown.wait(10000));
}

TEST(FormDefaults, StackFrameListAndLastFolderComeBackAfterARestart) {
    test::TempDir dir;
    test::writeFits(dir.file("a.fits"), 8, 8, 1.0f);
    test::writeFits(dir.file("b.fits"), 8, 8, 2.0f);
    test::writeFits(dir.file("c.fits"), 8, 8, 3.0f);
    const QString ini = qs(dir.file("s.ini"));
    {
        AppSettings settings(ini);
        MainWindow window(settings);
        window.stackTab()->addPaths({qs(dir.file("b.fits")), qs(dir.file("a.fits")), qs(dir.file("c.fits"))});
        waitForHeaders(window.stackTab());
        RecentFolder::remember(qs(dir.file("a.fits")));
        window.saveSettings();
    }
    RecentFolder::setPath({});
    std::filesystem::remove(dir.file("c.fits"));  // gone since: said, not silently dropped
    AppSettings settings(ini);
    MainWindow window(settings);
    ASSERT_EQ(window.stackTab()->files()->rowCount(), 2);
    EXPECT_TRUE(window.stackTab()->dropMessage().contains("c.fits")) << window.stackTab()->dropMessage().toStdString();
    EXPECT_TRUE(window.stackTab()->dropMessage().contains("not found")) << window.stackTab()->dropMessage().toStdString();
    EXPECT_EQ(window.stackTab()->files()->paths(), QStringList({qs(dir.file("b.fits")), qs(dir.file("a.fits"))}));
    EXPECT_EQ(RecentFolder::path(), qs(dir.path()));
    EXPECT_EQ(RecentFolder::startFor({}), qs(dir.path()));
    waitForHeaders(window.stackTab());
}

TEST(StaleState, RefusedFolderLeavesNoBeforeAfterOrResultOfThePreviousOne) {
    test::TempDir dir;
    test::writeFrames(dir.file("good"), 4, 64, 48);
    std::filesystem::create_directories(dir.file("empty"));
    JobController jobs;
    InterpolateTab tab(&jobs);
    test::showSequence(tab, dir.file("good"));
    QSignalSpy pair(tab.preview(), &SequencePreview::pairReady);
    tab.computeBeforeAfter();
    ASSERT_TRUE(pair.wait(20000));
    ASSERT_TRUE(tab.beforeAfter()->hasImages());
    tab.progressPanel()->setResult("Wrote good_x4.mp4: 13 frames", true);
    tab.videoBar()->setVideo(qs(dir.file("good/frame_000.png")));
    EXPECT_TRUE(tab.videoBar()->playButton()->isVisibleTo(&tab));

    QSignalSpy shown(&tab, &InterpolateTab::previewShown);
    tab.addPaths({qs(dir.file("empty"))});  // refused: no frames in it
    ASSERT_TRUE(shown.count() > 0 || shown.wait(10000));
    EXPECT_FALSE(tab.beforeAfter()->hasImages());
    EXPECT_FALSE(tab.progressPanel()->statusText().contains("good_x4")) << tab.progressPanel()->statusText().toStdString();
    EXPECT_FALSE(tab.videoBar()->playButton()->isVisibleTo(&tab));
    EXPECT_FALSE(tab.comparePanel()->button()->isEnabled());
    EXPECT_TRUE(tab.videoBar()->planLine().isEmpty());
}

TEST(StaleState, ReadingHeadersMessageIsReplacedWhenTheHeadersAreIn) {
    test::TempDir dir;
    test::writeFits(dir.file("a.fits"), 8, 8, 1.0f);
    AppSettings settings(qs(dir.file("s.ini")));
    MainWindow window(settings);
    window.stackTab()->addPaths({qs(dir.file("a.fits"))});
    EXPECT_TRUE(window.statusBar()->currentMessage().contains("reading headers")) << window.statusBar()->currentMessage().toStdString();
    waitForHeaders(window.stackTab());
    EXPECT_FALSE(window.statusBar()->currentMessage().contains("reading headers"))
        << window.statusBar()->currentMessage().toStdString();
}

TEST(ProgressPanel, ResultIsOneElidedLineSoTheButtonsStayPut) {
    JobProgressPanel panel("Start", "frames");
    panel.resize(300, 80);
    panel.show();
    const int before = panel.startButton()->y();
    const int height = panel.sizeHint().height();
    const QString longText = QString("Wrote /a/very/long/path/to/the/output/video/file.mp4: 1234 frames, ").repeated(4);
    panel.setResult(longText, true);
    EXPECT_EQ(panel.sizeHint().height(), height);
    EXPECT_EQ(panel.startButton()->y(), before);
    EXPECT_EQ(panel.statusText(), longText);
    auto* label = panel.findChild<QLabel*>("jobStatus");
    ASSERT_NE(label, nullptr);
    EXPECT_EQ(label->toolTip(), longText);
    EXPECT_TRUE(label->text().endsWith(QChar(0x2026))) << label->text().toStdString();
}

TEST(ProgressPanel, FocusStaysOnTheButtonsAcrossARun) {
    JobProgressPanel panel("Start", "frames");
    auto* spin = new QSpinBox(&panel);  // stands for the Workers box later in the tab order
    panel.show();
    QApplication::setActiveWindow(&panel);
    panel.startButton()->setFocus();
    ASSERT_TRUE(panel.startButton()->hasFocus());  // the offscreen platform gives focus like a desktop
    panel.setRunning(true);
    EXPECT_FALSE(spin->hasFocus());
    panel.setResult("done", true);
    EXPECT_FALSE(spin->hasFocus());
    EXPECT_TRUE(panel.startButton()->hasFocus());
}
