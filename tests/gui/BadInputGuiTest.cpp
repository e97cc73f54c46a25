// Bad-input corpus files dropped on the Stack and Interpolate tabs: each bad file shows its reason.
#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QTableView>

#include "BadCorpusTestSupport.h"
#include "GuiTestSupport.h"
#include "JobController.h"
#include "models/FitsFileListModel.h"
#include "tabs/InterpolateTab.h"
#include "tabs/StackTab.h"

using namespace skyweave;
using namespace skyweave::gui;
using namespace skyweave::test;

namespace {

QString corpusFile(const std::string& name) {
    return QString::fromStdString((badCorpusDir() / name).string());
}

}  // namespace

TEST(BadInputGui, StackTabShowsTheReasonOfEveryBadFile) {
    // Every FITS case of the corpus whose problem shows in the file itself (not in a pairing).
    std::vector<const BadCase*> bad;
    QStringList files{corpusFile("good_a.fits"), corpusFile("good_b.fits")};
    for (const auto& c : badCases())
        // A dangling link and a folder are refused at the drop already (checked below).
        if (c.surface == BadSurface::Fits && c.blamed != "dangling_link.fits" && c.blamed != "folder.fits") {
            bad.push_back(&c);
            files << corpusFile(c.blamed);
        }
    ASSERT_GE(bad.size(), 10u);

    JobController jobs;
    StackTab tab(&jobs);
    tab.resize(1200, 700);
    tab.show();
    QSignalSpy read(tab.files(), &FitsFileListModel::headersRead);
    dropFiles(tab.fileView()->viewport(),
              files + QStringList{corpusFile("dangling_link.fits"), corpusFile("folder.fits")});
    const std::string dropped = tab.dropMessage().toStdString();
    EXPECT_NE(dropped.find("dangling_link.fits — file not found"), std::string::npos) << dropped;
    EXPECT_NE(dropped.find("folder.fits — folder has no FITS files"), std::string::npos) << dropped;
    ASSERT_TRUE(read.count() > 0 || read.wait(20000));
    ASSERT_EQ(tab.files()->pendingCount(), 0);

    const auto* model = tab.files();
    ASSERT_EQ(model->rowCount(), files.size());
    EXPECT_EQ(model->statusText(0), "ok");
    EXPECT_EQ(model->statusText(1), "ok");
    for (int row = 2; row < model->rowCount(); ++row) {
        const BadCase& c = *bad[static_cast<std::size_t>(row - 2)];
        const QModelIndex status = model->index(row, FitsFileListModel::Status);
        const QString shown = status.data().toString();
        EXPECT_TRUE(shown.startsWith("will skip: ")) << c.name << ": " << shown.toStdString();
        EXPECT_TRUE(shown.contains(QString::fromStdString(c.cause))) << c.name << ": " << shown.toStdString();
        EXPECT_EQ(status.data(Qt::ToolTipRole).toString(), shown);
        EXPECT_FALSE(status.data(FitsFileListModel::UsableRole).toBool());
        EXPECT_EQ(model->index(row, FitsFileListModel::File).data().toString().toStdString(), c.blamed);
    }
    EXPECT_EQ(model->usablePaths().size(), 2);

    if (const QByteArray shot = qgetenv("SKYWEAVE_SCREENSHOT_DIR"); !shot.isEmpty())
        tab.grab().save(QString::fromLocal8Bit(shot) + "/bad-input-stack.png");
}

TEST(BadInputGui, InterpolateTabNamesTheBadFrameAndWhy) {
    JobController jobs;
    InterpolateTab tab(&jobs);
    tab.resize(1200, 700);
    tab.show();
    for (const auto& c : badCases()) {
        if (c.surface != BadSurface::Image && c.surface != BadSurface::Decode) continue;
        QSignalSpy shown(&tab, &InterpolateTab::previewShown);
        QStringList inputs;
        for (const auto& f : c.inputs) inputs << corpusFile(f);
        tab.addPaths(inputs);
        ASSERT_TRUE(shown.count() > 0 || shown.wait(20000)) << c.name;
        const QString text = tab.inputDescription();
        EXPECT_TRUE(text.contains(QString::fromStdString(c.blamed))) << c.name << ": " << text.toStdString();
        EXPECT_TRUE(text.contains(QString::fromStdString(c.cause))) << c.name << ": " << text.toStdString();
    }
}
