#include "tabs/StackTab.h"

#include <gtest/gtest.h>

#include <QDropEvent>
#include <QMimeData>
#include <QSignalSpy>
#include <QTableView>
#include <QUrl>
#include <fstream>
#include <limits>

#include "DropRouter.h"
#include "GuiTestSupport.h"
#include "JobController.h"
#include "TempDir.h"
#include "models/FitsFileListModel.h"

using namespace skyweave;
using namespace skyweave::gui;

using skyweave::test::dropFiles;

TEST(StackTab, DroppedFitsFilesAreAddedAndOthersRefusedWithAReason) {
    test::TempDir dir;
    test::writeFits(dir.file("a.fits"), 32, 24, 1.0f);
    test::writeFits(dir.file("b.fit"), 32, 24, 2.0f);
    test::writeFits(dir.file("small.fts"), 16, 16, 3.0f);
    std::ofstream(dir.file("notes.txt")) << "not an image\n";
    std::ofstream(dir.file("broken.fits")) << "SIMPLE  = garbage\n";

    JobController jobs;
    StackTab tab(&jobs);
    tab.resize(1000, 700);
    tab.show();
    QSignalSpy read(tab.files(), &FitsFileListModel::headersRead);
    const auto q = [&](const char* name) { return QString::fromStdString(dir.file(name).string()); };
    dropFiles(tab.fileView()->viewport(), {q("a.fits"), q("b.fit"), q("notes.txt"), q("small.fts"), q("broken.fits")});

    ASSERT_EQ(tab.files()->rowCount(), 4);
    EXPECT_TRUE(tab.dropMessage().contains("notes.txt")) << tab.dropMessage().toStdString();
    EXPECT_TRUE(tab.dropMessage().contains("not a FITS file")) << tab.dropMessage().toStdString();
    ASSERT_TRUE(read.count() > 0 || read.wait(10000));
    EXPECT_EQ(tab.files()->pendingCount(), 0);
    EXPECT_EQ(tab.files()->statusText(0), "ok");
    EXPECT_EQ(tab.files()->statusText(1), "ok");
    EXPECT_TRUE(tab.files()->statusText(2).startsWith("will skip: size 16×16")) << tab.files()->statusText(2).toStdString();
    EXPECT_TRUE(tab.files()->statusText(3).startsWith("will skip")) << tab.files()->statusText(3).toStdString();
    EXPECT_EQ(tab.files()->usablePaths().size(), 2);
    // Header columns come from the files.
    EXPECT_EQ(tab.files()->index(0, FitsFileListModel::Dimensions).data().toString(), "32 × 24");
    EXPECT_EQ(tab.files()->index(0, FitsFileListModel::DateObs).data().toString(), "2025-01-15T03:20:00.250");
    EXPECT_EQ(tab.files()->index(0, FitsFileListModel::Exposure).data().toString(), "60 s");
    EXPECT_EQ(tab.files()->index(0, FitsFileListModel::Filter).data().toString(), "L");

    // The same files again (and their folder) are not duplicated.
    dropFiles(tab.fileView()->viewport(), {q("a.fits"), QString::fromStdString(dir.path().string())});
    EXPECT_EQ(tab.files()->rowCount(), 4);
    EXPECT_TRUE(tab.dropMessage().contains("already in the list")) << tab.dropMessage().toStdString();
}

TEST(DropRouter, SendsFitsToStackAndImagesToInterpolate) {
    test::TempDir dir;
    test::writeFits(dir.file("a.fits"), 8, 8, 1.0f);
    test::writeFrames(dir.file("loop"), 2, 32, 24);
    const auto url = [&](const std::filesystem::path& p) { return QUrl::fromLocalFile(QString::fromStdString(p.string())); };
    const DropRoute route = routeDroppedUrls({url(dir.file("a.fits")), url(dir.file("loop")), url(dir.file("out.mp4")),
                                              url(dir.file("loop") / "frame_000.png"), url(dir.file("x.doc"))});
    EXPECT_EQ(route.stackPaths.size(), 1);
    EXPECT_EQ(route.interpolatePaths.size(), 2);
    EXPECT_TRUE(route.videoOutput.endsWith("out.mp4"));
    EXPECT_EQ(route.unknown.size(), 1);
    // A folder of FITS files goes to Stack.
    EXPECT_EQ(routeDroppedUrls({url(dir.path())}).stackPaths.size(), 1);
}

TEST(StackTab, RowStatusIsTheEnginesVerdictForCopiesAndEmptyFrames) {
    test::TempDir dir;
    test::writeFits(dir.file("a.fits"), 32, 24, 1.0f);
    test::writeFits(dir.file("b.fits"), 32, 24, 2.0f);
    std::filesystem::copy_file(dir.file("a.fits"), dir.file("a_copy.fits"));
    {
        fits::FitsWriter writer(dir.file("nan.fits"), true);
        const int hdu = writer.addImage(32, 24, fits::FitsPixelType::Float32);
        std::vector<float> pixels(32 * 24, std::numeric_limits<float>::quiet_NaN());
        writer.writeRows(hdu, 0, 24, pixels.data());
        writer.commit();
    }
    JobController jobs;
    StackTab tab(&jobs);
    QSignalSpy read(tab.files(), &FitsFileListModel::headersRead);
    const auto q = [&](const char* name) { return QString::fromStdString(dir.file(name).string()); };
    tab.addPaths({q("a.fits"), q("b.fits"), q("a_copy.fits"), q("nan.fits")});
    ASSERT_TRUE(read.count() > 0 || read.wait(10000));
    EXPECT_EQ(tab.files()->statusText(0), "ok");
    EXPECT_EQ(tab.files()->statusText(1), "ok");
    EXPECT_TRUE(tab.files()->statusText(2).startsWith("will skip: same content as")) << tab.files()->statusText(2).toStdString();
    EXPECT_TRUE(tab.files()->statusText(3).contains("no finite pixel")) << tab.files()->statusText(3).toStdString();
    EXPECT_EQ(tab.files()->usablePaths(), QStringList({q("a.fits"), q("b.fits")}));
}
