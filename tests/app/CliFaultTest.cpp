// Faults around real `skyweave-cli` child processes: unwritable destinations, a full disk (RLIMIT_FSIZE),
// Ctrl-C at seeded random moments, and input frames that pass their checks but cannot be read.
#include <gtest/gtest.h>

#include <unistd.h>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <chrono>
#include <csignal>
#include <cstring>
#include <functional>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <thread>

#include "../core/stack/StackTestFrames.h"
#include "FaultSupport.h"
#include "TempDir.h"

using namespace skyweave;
using test::ChildRun;
using test::runCliChild;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kHeaderOnlyBytes = 2880;  // one FITS header block: the data unit is gone

QString q(const fs::path& p) {
    return QString::fromStdString(p.string());
}

QStringList qpaths(const std::vector<fs::path>& paths) {
    QStringList l;
    for (const auto& p : paths) l << q(p);
    return l;
}

/// "f10.png", "f11.png", … (built by appending: GCC 12 warns falsely on "literal" + std::string).
std::string pngName(int k) {
    std::string name = "f";
    name += std::to_string(10 + k);
    name += ".png";
    return name;
}

/// Grey frames with a drifting blob and k/n of the rows filled with noise, so later frames compress worse.
std::vector<fs::path> writeNoisyPngs(const fs::path& folder, int n, int w = 96, int h = 64) {
    fs::create_directories(folder);
    std::vector<fs::path> files;
    std::mt19937 rng(5);
    std::uniform_int_distribution<int> noise(0, 255);
    for (int k = 0; k < n; ++k) {
        cv::Mat f(h, w, CV_8U, cv::Scalar(40));
        cv::circle(f, cv::Point(10 + 3 * k, h / 2), 8, cv::Scalar(220), cv::FILLED, cv::LINE_AA);
        for (int y = 0; y < h * k / n; ++y)
            for (int x = 0; x < w; ++x) f.at<uchar>(y, x) = static_cast<uchar>(noise(rng));
        files.push_back(folder / pngName(k));
        EXPECT_TRUE(cv::imwrite(files.back().string(), f));
    }
    return files;
}

/// Noisy FITS frames big enough that their data does not sit in cfitsio's buffers.
std::vector<fs::path> writeFits(const fs::path& folder, int n, int w = 128, int h = 128) {
    fs::create_directories(folder);
    return test::writeNoisyFrames(folder, n, w, h, 3);
}

bool mentions(const QString& text, const QString& part) {
    return text.contains(part, Qt::CaseInsensitive);
}

class CliFault : public ::testing::Test {
protected:
    fs::path out(const std::string& name) const { return dir_.file("out") / name; }
    void SetUp() override { fs::create_directory(dir_.file("out")); }

    test::TempDir dir_;
};

}  // namespace

// ---- Output not writable: refused before any work, specific error, exit 1, nothing written ----

TEST_F(CliFault, OutputWhoseParentIsAFileIsRefused) {
    const auto frames = writeFits(dir_.file("in"), 3, 32, 32);
    std::ofstream(out("notes.txt")) << "a file, not a folder";
    const auto before = test::listing(dir_.file("out"));
    const ChildRun stack = runCliChild(QStringList{"stack"} + qpaths(frames) +
                                       QStringList{"-o", q(out("notes.txt") / "stack.fits")});
    EXPECT_EQ(stack.code, 1) << stack.err.toStdString();
    EXPECT_TRUE(mentions(stack.err, "notes.txt is a file, not a folder")) << stack.err.toStdString();

    writeNoisyPngs(dir_.file("png"), 3);
    const ChildRun frames2 =
        runCliChild({"interpolate", q(dir_.file("png")), "--frames-out", q(out("notes.txt") / "frames")});
    EXPECT_EQ(frames2.code, 1) << frames2.err.toStdString();
    EXPECT_TRUE(mentions(frames2.err, "notes.txt is a file, not a folder")) << frames2.err.toStdString();
    const ChildRun video =
        runCliChild({"interpolate", q(dir_.file("png")), "-o", q(out("notes.txt") / "loop.mp4")});
    EXPECT_EQ(video.code, 1) << video.err.toStdString();
    EXPECT_TRUE(mentions(video.err, "notes.txt is a file, not a folder")) << video.err.toStdString();
    EXPECT_EQ(test::listing(dir_.file("out")), before);
}

TEST_F(CliFault, OutputInAFolderThatTakesNoFilesIsRefused) {
    // /proc takes no new entries even from root; a read-only folder refuses everyone else.
    const bool root = ::geteuid() == 0;
    fs::path folder = "/proc";
    if (!root) {
        folder = dir_.file("locked");
        fs::create_directory(folder);
        fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                    fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
    }
    const QString why = root ? "does not accept new files" : "permission denied";
    const auto frames = writeFits(dir_.file("in"), 3, 32, 32);
    writeNoisyPngs(dir_.file("png"), 3);
    const auto name = "skyweave-fault-" + std::to_string(::getpid());
    const ChildRun stack =
        runCliChild(QStringList{"stack"} + qpaths(frames) + QStringList{"-o", q(folder / (name + ".fits"))});
    const ChildRun pngs = runCliChild({"interpolate", q(dir_.file("png")), "--frames-out", q(folder / name)});
    const ChildRun video =
        runCliChild({"interpolate", q(dir_.file("png")), "-o", q(folder / (name + ".mp4"))});
    for (const ChildRun* r : {&stack, &pngs, &video}) {
        EXPECT_EQ(r->code, 1) << r->err.toStdString();
        EXPECT_TRUE(mentions(r->err, "cannot write in " + q(folder))) << r->err.toStdString();
        EXPECT_TRUE(mentions(r->err, why)) << r->err.toStdString();
    }
    for (const auto& e : fs::directory_iterator(folder))
        EXPECT_EQ(e.path().filename().string().find(name), std::string::npos);
    if (!root) fs::permissions(folder, fs::perms::owner_all);
}

// /sys takes no new files from anyone: permission denied for root and for other users alike.
TEST_F(CliFault, SysfsRefusesEvenRootWithPermissionDenied) {
    const auto frames = writeFits(dir_.file("in"), 3, 32, 32);
    const ChildRun r =
        runCliChild(QStringList{"stack"} + qpaths(frames) + QStringList{"-o", "/sys/skyweave-fault.fits"});
    EXPECT_EQ(r.code, 1) << r.err.toStdString();
    EXPECT_TRUE(mentions(r.err, "cannot write in /sys (permission denied)")) << r.err.toStdString();
    EXPECT_FALSE(fs::exists("/sys/skyweave-fault.fits"));
}

// ---- Disk full while writing: RLIMIT_FSIZE in the child; existing outputs untouched, no temporary left ----

TEST_F(CliFault, DiskFullWhileStackingKeepsTheOldOutputAndLeavesNoTemporary) {
    const auto frames = writeFits(dir_.file("in"), 6);  // output ≈ 64 KB image + 32 KB coverage + headers
    const std::string previous = "the result of an earlier run";
    for (const bool ignoredByParent : {true, false}) {
        std::ofstream(out("stack.fits"), std::ios::binary) << previous;
        const ChildRun r = runCliChild(
            QStringList{"stack"} + qpaths(frames) + QStringList{"-o", q(out("stack.fits")), "--overwrite"},
            {40 * 1024, ignoredByParent});
        EXPECT_FALSE(r.crashed) << "killed by SIGXFSZ instead of reporting the full disk";
        EXPECT_EQ(r.code, 1) << r.err.toStdString();
        EXPECT_TRUE(mentions(r.err, "stack.fits")) << r.err.toStdString();
        EXPECT_TRUE(mentions(r.err, "file too large")) << r.err.toStdString();
        EXPECT_EQ(test::fileBytes(out("stack.fits")), previous) << "the existing output was touched";
        EXPECT_EQ(test::listing(dir_.file("out")), std::set<std::string>{"stack.fits"})
            << "a temporary was left";
    }
    // Without the limit the same command succeeds: the failure above was the limit's.
    const ChildRun ok = runCliChild(QStringList{"stack"} + qpaths(frames) +
                                    QStringList{"-o", q(out("stack.fits")), "--overwrite"});
    EXPECT_EQ(ok.code, 0) << ok.err.toStdString();
    EXPECT_GT(fs::file_size(out("stack.fits")), 40u * 1024);
}

TEST_F(CliFault, DiskFullWhileWritingPngFramesPublishesNoFolder) {
    const auto files = writeNoisyPngs(dir_.file("png"), 8);
    // A limit between the sizes of the early (quiet) and late (noisy) frames: the run fails midway.
    std::vector<uchar> early, late;
    cv::imencode(".png", cv::imread(files[1].string(), cv::IMREAD_UNCHANGED), early,
                 {cv::IMWRITE_PNG_COMPRESSION, 1});
    cv::imencode(".png", cv::imread(files[6].string(), cv::IMREAD_UNCHANGED), late,
                 {cv::IMWRITE_PNG_COMPRESSION, 1});
    ASSERT_LT(early.size() * 2, late.size());
    const std::uint64_t limit = (early.size() + late.size()) / 2;
    fs::create_directory(out("frames"));
    std::ofstream(out("frames") / "frame_000000.png") << "an earlier frame";
    const ChildRun r = runCliChild(
        {"interpolate", q(dir_.file("png")), "--frames-out", q(out("frames")), "--overwrite"}, {limit});
    EXPECT_FALSE(r.crashed);
    EXPECT_EQ(r.code, 1) << r.err.toStdString();
    EXPECT_TRUE(mentions(r.err, "frames/frame_0000")) << r.err.toStdString();
    EXPECT_FALSE(mentions(r.err, "frame_000000.png"))
        << "the first, quiet frames fit: the failure should be midway";
    EXPECT_TRUE(mentions(r.err, "file too large")) << r.err.toStdString();
    EXPECT_EQ(test::listing(dir_.file("out")), std::set<std::string>{"frames"})
        << "a temporary folder was left";
    EXPECT_EQ(test::listing(out("frames")), std::set<std::string>{"frame_000000.png"});
    EXPECT_EQ(test::fileBytes(out("frames") / "frame_000000.png"), "an earlier frame");
}

TEST_F(CliFault, DiskFullWhileEncodingMp4KeepsTheOldVideo) {
    writeNoisyPngs(dir_.file("png"), 10);
    const std::string previous = "an earlier video";
    std::ofstream(out("loop.mp4"), std::ios::binary) << previous;
    const ChildRun r = runCliChild(
        {"interpolate", q(dir_.file("png")), "-o", q(out("loop.mp4")), "--overwrite"}, {16 * 1024});
    EXPECT_FALSE(r.crashed);
    EXPECT_EQ(r.code, 1) << r.err.toStdString();
    EXPECT_TRUE(mentions(r.err, "loop.mp4")) << r.err.toStdString();
    EXPECT_TRUE(mentions(r.err, "file too large")) << r.err.toStdString();
    EXPECT_EQ(test::fileBytes(out("loop.mp4")), previous);
    EXPECT_EQ(test::listing(dir_.file("out")), std::set<std::string>{"loop.mp4"}) << "a temporary was left";
}

// ---- Ctrl-C at seeded random moments: exit 3, nothing written, no temporary ----

namespace {
/// Starts the child, waits for its first progress line, calls `act(pid)`, and returns the run and the
/// milliseconds from that first line to the end.
std::pair<ChildRun, qint64> actOnFirstProgress(const QStringList& args,
                                               const std::function<void(pid_t)>& act) {
    QProcess p;
    p.start(SKYWEAVE_CLI_PATH, args);
    if (!p.waitForStarted(10000)) return {};
    QByteArray err;
    while (!err.contains('%') && p.state() == QProcess::Running) {
        p.waitForReadyRead(20);
        err += p.readAllStandardError();
    }
    QElapsedTimer sinceFirstLine;
    sinceFirstLine.start();
    if (p.state() == QProcess::Running) act(static_cast<pid_t>(p.processId()));
    p.waitForFinished(60000);
    ChildRun r;
    r.code = p.exitStatus() == QProcess::CrashExit ? -1 : p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(err + p.readAllStandardError());
    return {r, sinceFirstLine.elapsed()};
}

/// SIGINT `delayMs` after the first progress line (never when < 0).
std::pair<ChildRun, qint64> interruptAfter(const QStringList& args, int delayMs) {
    return actOnFirstProgress(args, [delayMs](pid_t pid) {
        if (delayMs < 0) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
        ::kill(pid, SIGINT);
    });
}
}  // namespace

TEST_F(CliFault, InterruptAtSeededRandomMomentsExitsThreeAndWritesNothing) {
    const auto frames = writeFits(dir_.file("in"), 40, 384, 384);
    writeNoisyPngs(dir_.file("png"), 8, 320, 240);
    const QStringList stack = QStringList{"stack"} + qpaths(frames) +
                              QStringList{"-o",    q(out("s.fits")), "--method", "median",         "--reject",
                                          "sigma", "--threads",      "1",        "--memory-limit", "44M"};
    const QStringList interpolate{"interpolate", q(dir_.file("png")), "--factor", "4", "--threads", "1",
                                  "-o",          q(out("loop.mp4"))};
    std::mt19937 rng(31337);
    for (const auto& [name, args] : {std::pair{"stack", stack}, std::pair{"interpolate", interpolate}}) {
        // One whole run first: its length (from the first progress line) sets the range of the delays, so the
        // signal lands mid-run on fast and slow machines alike.
        const auto [whole, wholeMs] = interruptAfter(args, -1);
        ASSERT_EQ(whole.code, 0) << whole.err.toStdString();
        for (const auto& f : fs::directory_iterator(dir_.file("out"))) fs::remove(f.path());
        for (int round = 0; round < 3; ++round) {
            const int delayMs = std::uniform_int_distribution<int>(0, static_cast<int>(wholeMs / 2))(rng);
            const auto [r, ms] = interruptAfter(args, delayMs);
            const std::string where =
                std::string(name) + " interrupted " + std::to_string(delayMs) +
                " ms after its first progress line (a whole run: " + std::to_string(wholeMs) + " ms)";
            EXPECT_EQ(r.code, 3) << where << ": " << r.err.toStdString();
            EXPECT_TRUE(mentions(r.err, "cancelled")) << where;
            EXPECT_TRUE(fs::is_empty(dir_.file("out"))) << where << ": output or temporary left";
            for (const auto& f : fs::directory_iterator(dir_.file("out"))) fs::remove(f.path());
        }
    }
}

// ---- Frames that pass their checks but cannot be read: skipped with the reason ----

TEST_F(CliFault, StackSkipsAFrameWhoseDataIsGoneAndListsIt) {
    auto frames = writeFits(dir_.file("in"), 5);
    fs::resize_file(frames[2], kHeaderOnlyBytes);  // header intact: opens and validates, rows unreadable
    const ChildRun r =
        runCliChild(QStringList{"stack"} + qpaths(frames) + QStringList{"-o", q(out("s.fits")), "--json"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const auto skipped = QJsonDocument::fromJson(r.out.toUtf8()).object()["frames_skipped"].toArray();
    ASSERT_EQ(skipped.size(), 1);
    EXPECT_EQ(skipped[0].toObject()["file"].toString(), q(frames[2]));
    EXPECT_FALSE(skipped[0].toObject()["reason"].toString().isEmpty());
    EXPECT_TRUE(mentions(r.err, "warning: skipping " + q(frames[2]))) << r.err.toStdString();

    auto rest = frames;
    rest.erase(rest.begin() + 2);
    ASSERT_EQ(runCliChild(QStringList{"stack"} + qpaths(rest) + QStringList{"-o", q(out("rest.fits"))}).code,
              0);
    const auto a = test::readPixels(out("s.fits")), b = test::readPixels(out("rest.fits"));
    ASSERT_EQ(a.size(), b.size());
    EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)), 0)
        << "not the stack of the other four";
}

TEST_F(CliFault, InterpolateSkipsAFrameCutShortDuringTheRunAndListsIt) {
    const auto files = writeNoisyPngs(dir_.file("png"), 10, 320, 240);
    // One worker keeps at most 3 pairs (frames 0–4) ahead of the writer; frame 7 is cut once the first
    // frame is out, long before its turn. (A file cut short before the run is bad input instead.)
    const auto [r, ms] = actOnFirstProgress({"interpolate", q(dir_.file("png")), "--factor", "4", "--threads",
                                             "1", "--frames-out", q(out("frames")), "--json"},
                                            [&](pid_t) { fs::resize_file(files[7], 60); });
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const auto json = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const auto skipped = json["framesSkipped"].toArray();
    ASSERT_EQ(skipped.size(), 1) << r.out.toStdString();
    EXPECT_EQ(skipped[0].toObject()["file"].toString(), q(files[7]));
    EXPECT_TRUE(skipped[0].toObject()["reason"].toString().contains("unreadable during the run"));
    EXPECT_EQ(json["framesOut"].toInt(), 4 * (9 - 1) + 1);
    EXPECT_TRUE(mentions(r.err, "skipping " + q(files[7]))) << r.err.toStdString();
    EXPECT_EQ(test::listing(out("frames")).size(), 33u);
}
