// The Stack list and viewer (sorting, preview of a frame, pixel readout) and the Interpolate previews.
#include "tabs/StackTab.h"

#include <gtest/gtest.h>

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHeaderView>
#include <QMouseEvent>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QWheelEvent>

#include "GuiTestSupport.h"
#include "JobController.h"
#include "PixelReadout.h"
#include "SequencePreview.h"
#include "TabTestSupport.h"
#include "TempDir.h"
#include "models/FitsFileListModel.h"
#include "tabs/InterpolateTab.h"
#include "widgets/BeforeAfterView.h"
#include "widgets/ImageViewer.h"
#include "widgets/ImageViewerPanel.h"
#include "widgets/PairComparePanel.h"
#include "widgets/VideoResultBar.h"

using namespace skyweave;
using namespace skyweave::gui;

namespace {

using skyweave::test::qs;

/// A FITS frame with a TAN WCS (1"/px, reference pixel at 0-based (4, 3) → RA 150°, Dec +30°).
void writeFitsWithWcs(const std::filesystem::path& path, int w, int h, double exptime, const std::string& date) {
    fits::FitsWriter writer(path, true);
    const int hdu = writer.addImage(w, h, fits::FitsPixelType::Float32);
    std::vector<float> pixels(static_cast<std::size_t>(w) * h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) pixels[static_cast<std::size_t>(y) * w + x] = static_cast<float>(100 * y + x);
    writer.writeRows(hdu, 0, h, pixels.data());
    writer.setKeyword(hdu, "DATE-OBS", date);
    writer.setKeyword(hdu, "EXPTIME", exptime);
    writer.setKeyword(hdu, "CTYPE1", std::string("RA---TAN"));
    writer.setKeyword(hdu, "CTYPE2", std::string("DEC--TAN"));
    writer.setKeyword(hdu, "CRVAL1", 150.0);
    writer.setKeyword(hdu, "CRVAL2", 30.0);
    writer.setKeyword(hdu, "CRPIX1", 5.0);
    writer.setKeyword(hdu, "CRPIX2", 4.0);
    writer.setKeyword(hdu, "CD1_1", -1.0 / 3600.0);
    writer.setKeyword(hdu, "CD2_2", 1.0 / 3600.0);
    writer.commit();
}

QStringList columnTexts(QTableView* view, int column) {
    QStringList out;
    for (int r = 0; r < view->model()->rowCount(); ++r) out << view->model()->index(r, column).data().toString();
    return out;
}

}  // namespace

TEST(StackList, HeadersSortByValueAndDoubleClickShowsTheFrame) {
    test::TempDir dir;
    writeFitsWithWcs(dir.file("a.fits"), 16, 12, 120.0, "2025-01-15T03:30:00");
    writeFitsWithWcs(dir.file("b.fits"), 16, 12, 9.5, "2025-01-15T03:10:00");
    writeFitsWithWcs(dir.file("c.fits"), 16, 12, 60.0, "2025-01-15T03:20:00");
    JobController jobs;
    StackTab tab(&jobs);
    tab.resize(1100, 700);
    tab.show();
    QSignalSpy read(tab.files(), &FitsFileListModel::headersRead);
    tab.addPaths({qs(dir.file("a.fits")), qs(dir.file("b.fits")), qs(dir.file("c.fits"))});
    ASSERT_TRUE(read.count() > 0 || read.wait(10000));
    QTableView* view = tab.fileView();
    EXPECT_TRUE(view->isSortingEnabled());
    EXPECT_EQ(columnTexts(view, FitsFileListModel::File), QStringList({"a.fits", "b.fits", "c.fits"}));  // as added

    // EXPTIME sorts by number (9.5 s before 60 s before 120 s), not by text.
    QTest::mouseClick(view->horizontalHeader()->viewport(), Qt::LeftButton, {},
                      QPoint(view->horizontalHeader()->sectionViewportPosition(FitsFileListModel::Exposure) + 5, 5));
    EXPECT_EQ(columnTexts(view, FitsFileListModel::Exposure), QStringList({"9.5 s", "60 s", "120 s"}));
    view->sortByColumn(FitsFileListModel::DateObs, Qt::DescendingOrder);
    EXPECT_EQ(columnTexts(view, FitsFileListModel::File), QStringList({"a.fits", "c.fits", "b.fits"}));
    EXPECT_EQ(tab.files()->paths().first(), qs(dir.file("a.fits")));  // stacking order unchanged

    // Double-click on the (sorted) row of b.fits shows b.fits.
    QSignalSpy frameShown(&tab, &StackTab::frameShown);
    const QModelIndex bRow = view->model()->index(2, FitsFileListModel::File);
    ASSERT_EQ(bRow.data().toString(), "b.fits");
    emit view->doubleClicked(bRow);
    ASSERT_TRUE(frameShown.count() > 0 || frameShown.wait(10000));
    EXPECT_EQ(frameShown.first().first().toString(), qs(dir.file("b.fits")));
    EXPECT_EQ(tab.resultViewer()->data().cols, 16);
}

TEST(PixelReadout, ShowsPositionValueAndSkyCoordinatesUnderThePointer) {
    test::TempDir dir;
    writeFitsWithWcs(dir.file("wcs.fits"), 16, 12, 60.0, "2025-01-15T03:30:00");
    JobController jobs;
    StackTab tab(&jobs);
    tab.resize(1100, 700);
    tab.show();
    QSignalSpy shown(&tab, &StackTab::resultShown);
    tab.loadResult(qs(dir.file("wcs.fits")));
    ASSERT_TRUE(shown.wait(10000));
    ImageViewerPanel* panel = tab.resultViewer();
    ImageViewer* viewer = panel->viewer();
    // Move the real pointer over pixel (4, 3): the reference pixel of the WCS.
    const QPointF widgetPos = QPointF(4.0, 3.0) * viewer->zoom() + (viewer->rect().center() - QPointF(8.0, 6.0) * viewer->zoom());
    ASSERT_NEAR(viewer->toImage(widgetPos).x(), 4.0, 0.6);
    QMouseEvent move(QEvent::MouseMove, widgetPos, viewer->mapToGlobal(widgetPos), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(viewer, &move);
    const QString text = panel->readout();
    EXPECT_TRUE(text.startsWith("x 4  y 3  value 304")) << text.toStdString();
    EXPECT_TRUE(text.contains("RA 10h00m00.00s")) << text.toStdString();
    EXPECT_TRUE(text.contains("Dec +30°00′00.0″")) << text.toStdString();
    // Outside the image: nothing.
    panel->showReadout(QPointF(-5, -5));
    EXPECT_TRUE(panel->readout().isEmpty());
    // Without a WCS: position and value only.
    EXPECT_EQ(PixelReadout::text(panel->data(), QPointF(1.2, 0.8), nullptr), "x 1  y 1  value 101");
}

TEST(InterpolatePreview, EightBitFramesShowLinearAndThePlanIsShownBeforeARun) {
    test::TempDir dir;
    test::writeFrames(dir.file("loop"), 5, 64, 48);
    JobController jobs;
    InterpolateTab tab(&jobs);
    test::showSequence(tab, dir.file("loop"));
    EXPECT_EQ(tab.previewViewer()->stretch().mode, StretchMode::Linear);
    tab.setFactor(4);
    tab.findChild<QComboBox*>("fps")->setCurrentText("8");
    EXPECT_EQ(tab.videoBar()->planLine(), "Video: 17 frames · 2.1 s at 8 fps");  // 4 × (5 − 1) + 1
    EXPECT_EQ(VideoResultBar::outputFrames(24, 4), 93);
    EXPECT_FALSE(tab.videoBar()->playButton()->isVisibleTo(&tab));  // nothing written yet
}

TEST(InterpolatePreview, BeforeAfterComparesTheChosenPairAndZoomsWithTheWheelWhenFocused) {
    test::TempDir dir;
    test::writeFrames(dir.file("loop"), 6, 64, 48);
    JobController jobs;
    InterpolateTab tab(&jobs);
    test::showSequence(tab, dir.file("loop"));
    PairComparePanel* compare = tab.comparePanel();
    EXPECT_EQ(compare->pairSpin()->maximum(), 5);
    EXPECT_EQ(compare->pairIndex(), 2);  // the middle pair by default
    compare->setPairIndex(0);
    QSignalSpy pair(tab.preview(), &SequencePreview::pairReady);
    compare->button()->click();
    ASSERT_TRUE(pair.wait(20000));
    BeforeAfterView* view = tab.beforeAfter();
    ASSERT_TRUE(view->hasImages());
    EXPECT_TRUE(view->toolTip().contains("frame_000.png and frame_001.png")) << view->toolTip().toStdString();

    const QPointF at(view->width() / 2.0, view->height() / 2.0);
    const auto wheel = [&] {
        QWheelEvent e(at, view->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view, &e);
    };
    view->clearFocus();
    wheel();
    EXPECT_DOUBLE_EQ(view->zoom(), 1.0);  // not focused: the wheel is not the view's
    QApplication::setActiveWindow(&tab);
    view->setFocus();
    if (view->hasFocus()) {
        wheel();
        EXPECT_GT(view->zoom(), 1.0);
    }
    view->setZoom(3.0);
    EXPECT_DOUBLE_EQ(view->zoom(), 3.0);
    view->fitToView();
    EXPECT_DOUBLE_EQ(view->zoom(), 1.0);
}
