// The Stack tab and `skyweave-cli stack` describe one run the same way: for every combine method ×
// rejection × alignment, the job the tab builds from its widgets and the command line with the same
// options write byte-identical FITS files.
#include <gtest/gtest.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSignalSpy>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <tuple>

#include "AppSettings.h"
#include "CliApplication.h"
#include "JobController.h"
#include "MainWindow.h"
#include "fits/FitsReader.h"
#include "TempDir.h"
#include "models/FitsFileListModel.h"
#include "sample/SampleGenerator.h"
#include "tabs/InterpolateTab.h"
#include "tabs/StackTab.h"
#include "GuiTestSupport.h"
#include "widgets/JobProgressPanel.h"
#include "widgets/SchemaForm.h"

namespace skyweave::gui {
namespace {

namespace fs = std::filesystem;

QString qs(const fs::path& p) { return QString::fromStdString(p.string()); }

/// A small star field with a TAN WCS per frame and pointing jitter: every alignment has work to do.
class StackCliParity : public ::testing::TestWithParam<std::tuple<const char*, const char*, const char*>> {
protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir;
        // SKYWEAVE_PARITY_FRAMES=DIR runs the same comparison on the FITS frames of DIR (real data).
        if (const char* real = std::getenv("SKYWEAVE_PARITY_FRAMES"); real && *real) {
            for (const auto& entry : fs::directory_iterator(real))
                if (entry.path().extension() == ".fit" || entry.path().extension() == ".fits") frames_.push_back(entry.path());
            std::sort(frames_.begin(), frames_.end());
            return;
        }
        sample::SampleOptions options;
        options.writeLoop = false;
        options.fits.frameCount = 4;
        options.fits.width = 160;
        options.fits.height = 128;
        options.fits.starCount = 80;
        NullProgressSink sink;
        frames_ = sample::SampleGenerator(options).generate(dir_->path(), sink, CancelToken()).fitsFrames;
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }

    static std::string bytes(const fs::path& path) {
        std::ifstream in(path, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

    static test::TempDir* dir_;
    static std::vector<fs::path> frames_;
};

test::TempDir* StackCliParity::dir_ = nullptr;
std::vector<fs::path> StackCliParity::frames_;

/// The two bounds as each rejection reads them: sigma factors, counts to drop, or kept values.
std::pair<QString, QString> boundsFor(const QString& reject) {
    if (reject == "minmax") return {"1", "1"};
    if (reject == "range") return {"700", "20000"};
    return {"2.5", "3"};
}

TEST_P(StackCliParity, GuiJobAndCommandLineWriteTheSameFits) {
    // Plain variables, not structured bindings: the lambdas below capture them (clang 14 cannot).
    const char* method = std::get<0>(GetParam());
    const char* reject = std::get<1>(GetParam());
    const char* align = std::get<2>(GetParam());
    const fs::path work = dir_->file(std::string(method) + "_" + reject + "_" + align);
    fs::create_directories(work / "gui");
    fs::create_directories(work / "cli");
    const auto bounds = boundsFor(reject);
    const QString low = bounds.first, high = bounds.second;

    AppSettings settings(qs(work / "settings.ini"));
    MainWindow window(settings);
    StackTab* tab = window.stackTab();
    QSignalSpy read(tab->files(), &FitsFileListModel::headersRead);
    QStringList inputs;
    for (const auto& f : frames_) inputs << qs(f);
    tab->addPaths(inputs);
    ASSERT_TRUE(read.count() > 0 || read.wait(10000));
    const auto combo = [&](const char* key, const QString& value) {
        auto* c = qobject_cast<QComboBox*>(tab->form()->control(key));
        ASSERT_NE(c, nullptr) << key;
        c->setCurrentIndex(c->findData(value));
        ASSERT_EQ(c->currentData().toString(), value) << key;
    };
    combo("method", method);
    combo("reject", reject);
    combo("align", align);
    qobject_cast<QDoubleSpinBox*>(tab->form()->control("sigma-low"))->setValue(low.toDouble());
    qobject_cast<QDoubleSpinBox*>(tab->form()->control("sigma-high"))->setValue(high.toDouble());
    tab->setOutputPath(qs(work / "gui" / "stack.fits"));
    QString out, err;
    QTextStream outStream(&out), errStream(&err);
    const auto runCommandLine = [&] {
        return cli::runCli(QStringList{"skyweave-cli", "stack"} + inputs +
                               QStringList{"-o", qs(work / "cli" / "stack.fits"), "--method", method, "--reject", reject,
                                           "--align", align, "--sigma-low", low, "--sigma-high", high},
                           outStream, errStream);
    };
    QSignalSpy ended(window.jobs(), &JobController::jobEnded);
    if (!tab->start()) {  // the tab refuses up front (e.g. no frame has the WCS asked for): so must the CLI
        EXPECT_NE(runCommandLine(), 0) << tab->progressPanel()->statusText().toStdString();
        EXPECT_FALSE(fs::exists(work / "cli" / "stack.fits"));
        return;
    }
    ASSERT_TRUE(ended.wait(120000));
    const auto guiState = ended.last().at(1).value<Job::State>();
    const QString guiMessage = ended.last().at(2).toString();
    const int code = runCommandLine();
    if (guiState == Job::State::Failed) {  // frames that cannot be stacked this way: the same refusal from both
        EXPECT_EQ(code, 1);
        EXPECT_TRUE(err.contains(guiMessage)) << guiMessage.toStdString() << "\n" << err.toStdString();
        return;
    }
    ASSERT_EQ(guiState, Job::State::Finished) << guiMessage.toStdString();
    ASSERT_EQ(code, 0) << err.toStdString();

    const std::string gui = bytes(work / "gui" / "stack.fits"), cliBytes = bytes(work / "cli" / "stack.fits");
    ASSERT_FALSE(gui.empty());
    EXPECT_EQ(gui.size(), cliBytes.size());
    EXPECT_TRUE(gui == cliBytes) << "the GUI and the CLI wrote different files for " << method << " " << reject << " " << align;
    // …and what both wrote is what was chosen, not a shared default.
    const std::string cards = fits::FitsReader::readSummary(work / "gui" / "stack.fits").headerCards;
    for (const auto& [key, value] : {std::pair{"COMBMETH", method}, std::pair{"REJECT  ", reject}, std::pair{"ALIGNMTH", align}})
        EXPECT_NE(cards.find(std::string(key) + "= '" + value), std::string::npos) << key << " " << value << "\n" << cards;
}

INSTANTIATE_TEST_SUITE_P(EveryMethodRejectionAlignment, StackCliParity,
                         ::testing::Combine(::testing::Values("average", "median", "sum", "min", "max"),
                                            ::testing::Values("none", "sigma", "winsorized", "minmax", "range"),
                                            ::testing::Values("none", "stars", "wcs")),
                         [](const auto& info) {
                             return std::string(std::get<0>(info.param)) + "_" + std::get<1>(info.param) + "_" +
                                    std::get<2>(info.param);
                         });

}  // namespace
}  // namespace skyweave::gui

namespace skyweave::gui {
namespace {

/// 29.97 fps is 30000/1001 whether typed in the Interpolate tab or given as --fps: one parser for both.
TEST(InterpolateCliParity, FrameRate2997IsNtscFromBothFrontEnds) {
    test::TempDir dir;
    test::writeFrames(dir.file("loop"), 3, 32, 24);
    AppSettings settings(QString::fromStdString(dir.file("s.ini").string()));
    MainWindow window(settings);
    InterpolateTab* tab = window.interpolateTab();
    tab->addPaths({QString::fromStdString(dir.file("loop").string())});
    auto* fps = qobject_cast<QComboBox*>(tab->form()->control("fps"));
    ASSERT_NE(fps, nullptr);
    fps->setCurrentText("29.97");
    auto* codec = qobject_cast<QComboBox*>(tab->form()->control("codec"));
    codec->setCurrentIndex(codec->findData("ffv1"));
    tab->setOutputPath(QString::fromStdString(dir.file("gui.mkv").string()));
    const InterpolateRequest gui = tab->request();
    ASSERT_TRUE(gui.video);
    EXPECT_EQ(gui.video->fpsNum, 30000);
    EXPECT_EQ(gui.video->fpsDen, 1001);

    QString out, err;
    QTextStream outStream(&out), errStream(&err);
    const int code = cli::runCli({"skyweave-cli", "encode", QString::fromStdString(dir.file("loop").string()), "-o",
                                  QString::fromStdString(dir.file("cli.mkv").string()), "--codec", "ffv1", "--fps", "29.97", "--json"},
                                 outStream, errStream);
    ASSERT_EQ(code, 0) << err.toStdString();
    EXPECT_TRUE(out.contains("\"fps\": \"30000/1001\"")) << out.toStdString();
}

}  // namespace
}  // namespace skyweave::gui
