// End-to-end runs from the GUI: the tab builds the job from its form, JobController runs it on
// core's JobRunner, and the result comes back to the widgets — the same path a click takes.
#include <gtest/gtest.h>

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTimer>
#include <filesystem>

#include "AppSettings.h"
#include "GuiTestSupport.h"
#include "JobController.h"
#include "MainWindow.h"
#include "TempDir.h"
#include "fits/FitsReader.h"
#include "models/FitsFileListModel.h"
#include "tabs/InterpolateTab.h"
#include "tabs/StackTab.h"
#include "widgets/ImageViewerPanel.h"
#include "widgets/JobProgressPanel.h"

using namespace skyweave;
using namespace skyweave::gui;
namespace fs = std::filesystem;

namespace {

QString qs(const fs::path& p) { return QString::fromStdString(p.string()); }

struct Ended {
    Job::State state;
    QString message;
};

/// Waits for the controller's jobEnded (the tabs have handled it by then).
Ended waitForEnd(JobController* jobs, int timeoutMs = 60000) {
    QSignalSpy ended(jobs, &JobController::jobEnded);
    EXPECT_TRUE(ended.wait(timeoutMs));
    if (ended.isEmpty()) return {Job::State::Failed, "timeout"};
    return {ended.last().at(1).value<Job::State>(), ended.last().at(2).toString()};
}

void setCombo(QWidget* parent, const char* name, const QString& data) {
    auto* combo = parent->findChild<QComboBox*>(name);
    ASSERT_NE(combo, nullptr);
    combo->setCurrentIndex(combo->findData(data));
}

}  // namespace

TEST(GuiRun, TinyStackRunsEndToEndAndShowsTheResult) {
    test::TempDir dir;
    for (int i = 0; i < 3; ++i) test::writeFits(dir.file("f" + std::to_string(i) + ".fits"), 24, 16, 10.0f * (i + 1));
    AppSettings settings(qs(dir.file("s.ini")));
    MainWindow window(settings);
    StackTab* tab = window.stackTab();
    QSignalSpy read(tab->files(), &FitsFileListModel::headersRead);
    tab->addPaths({qs(dir.path())});
    ASSERT_TRUE(read.wait(10000));
    setCombo(tab, "method", "median");
    tab->setOutputPath(qs(dir.file("out/stacked.fits")));
    fs::create_directories(dir.file("out"));
    QSignalSpy shown(tab, &StackTab::resultShown);
    ASSERT_TRUE(tab->start()) << tab->progressPanel()->statusText().toStdString();
    EXPECT_TRUE(window.windowTitle().startsWith("Stack 3 frames")) << window.windowTitle().toStdString();
    const Ended end = waitForEnd(window.jobs());
    ASSERT_EQ(end.state, Job::State::Finished) << end.message.toStdString();
    EXPECT_TRUE(tab->progressPanel()->statusText().startsWith("Stacked 3 frames")) << tab->progressPanel()->statusText().toStdString();
    ASSERT_TRUE(shown.count() > 0 || shown.wait(10000));
    // The median of 10, 20, 30 (+ the ramp) is the middle frame.
    fits::FitsReader reader(dir.file("out/stacked.fits"));
    const auto pixels = reader.readImage();
    EXPECT_NEAR(pixels[0], 20.0f, 1e-5);
    EXPECT_EQ(tab->resultViewer()->data().cols, 24);
    EXPECT_EQ(window.windowTitle(), "Skyweave");
}

TEST(GuiRun, TinyInterpolationRunsEndToEnd) {
    test::TempDir dir;
    test::writeFrames(dir.file("loop"), 4, 64, 48);
    AppSettings settings(qs(dir.file("s.ini")));
    MainWindow window(settings);
    InterpolateTab* tab = window.interpolateTab();
    QSignalSpy preview(tab, &InterpolateTab::previewShown);
    tab->addPaths({qs(dir.file("loop"))});
    ASSERT_TRUE(preview.wait(10000));
    EXPECT_TRUE(tab->inputDescription().startsWith("4 frames · 64 × 48")) << tab->inputDescription().toStdString();
    tab->findChild<QSpinBox*>("factor")->setValue(3);
    setCombo(tab, "codec", "ffv1");
    tab->setOutputPath(qs(dir.file("loop_x3.mkv")));
    ASSERT_TRUE(tab->start()) << tab->progressPanel()->statusText().toStdString();
    const Ended end = waitForEnd(window.jobs());
    ASSERT_EQ(end.state, Job::State::Finished) << end.message.toStdString();
    EXPECT_TRUE(fs::exists(dir.file("loop_x3.mkv")));
    EXPECT_GT(fs::file_size(dir.file("loop_x3.mkv")), 0u);
}

TEST(GuiRun, CancelStopsTheJobAndLeavesNoOutput) {
    test::TempDir dir;
    test::writeFrames(dir.file("loop"), 12, 320, 240, 6);
    AppSettings settings(qs(dir.file("s.ini")));
    MainWindow window(settings);
    InterpolateTab* tab = window.interpolateTab();
    tab->addPaths({qs(dir.file("loop"))});
    tab->findChild<QSpinBox*>("factor")->setValue(16);
    setCombo(tab, "codec", "ffv1");
    tab->setOutputPath(qs(dir.file("cancelled.mkv")));
    ASSERT_TRUE(tab->start()) << tab->progressPanel()->statusText().toStdString();
    EXPECT_TRUE(tab->progressPanel()->cancelButton()->isEnabled());
    tab->progressPanel()->cancelButton()->click();
    const Ended end = waitForEnd(window.jobs());
    EXPECT_EQ(end.state, Job::State::Cancelled) << end.message.toStdString();
    EXPECT_FALSE(fs::exists(dir.file("cancelled.mkv")));
    EXPECT_TRUE(tab->progressPanel()->startButton()->isEnabled());
}

TEST(GuiRun, ClosingWhileAJobRunsAsksThenCancelsAndCloses) {
    test::TempDir dir;
    test::writeFrames(dir.file("loop"), 12, 320, 240, 6);
    AppSettings settings(qs(dir.file("s.ini")));
    MainWindow window(settings);
    window.show();
    InterpolateTab* tab = window.interpolateTab();
    tab->addPaths({qs(dir.file("loop"))});
    tab->findChild<QSpinBox*>("factor")->setValue(16);
    setCombo(tab, "codec", "ffv1");
    tab->setOutputPath(qs(dir.file("closing.mkv")));
    ASSERT_TRUE(tab->start());
    bool asked = false;
    QTimer::singleShot(50, [&] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        ASSERT_NE(box, nullptr);
        asked = true;
        box->button(QMessageBox::Yes)->click();
    });
    window.close();  // asks (answered Yes above), cancels, and does not close yet
    EXPECT_TRUE(asked);
    const Ended end = waitForEnd(window.jobs());
    EXPECT_EQ(end.state, Job::State::Cancelled);
    EXPECT_FALSE(window.isVisible());  // closed once the job had stopped
    EXPECT_FALSE(fs::exists(dir.file("closing.mkv")));
}
