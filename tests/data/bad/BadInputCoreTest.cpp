// Every case of tests/data/bad/cases.tsv against the core API: the error names the file and the cause.
#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <fstream>
#include <functional>
#include <string>

#include <opencv2/imgcodecs.hpp>

#include "BadCorpus.h"
#include "BadCorpusTestSupport.h"
#include "TempDir.h"
#include "common/Errors.h"
#include "fits/FitsReader.h"
#include "interp/InterpolateRequest.h"
#include "io/ImageHeader.h"
#include "io/SequenceLoader.h"
#include "stack/StackEngine.h"
#include "track/EphemerisReader.h"
#include "fits/HeaderCards.h"
#include "stack/StackRegistration.h"
#include "track/Wcs.h"

using namespace skyweave;
using namespace skyweave::test;
namespace fs = std::filesystem;

namespace {

/// Runs registration (when asked) and the stack engine on `inputs` of the corpus.
StackResult stackCorpus(const BadCase& c, const std::vector<std::string>& inputs, const fs::path& out,
                        track::AlignMode align = track::AlignMode::None, const std::string& ephemeris = {}) {
    StackParams p;
    for (const auto& f : inputs) p.inputs.push_back(badCorpusDir() / f);
    p.output = out;
    p.memoryLimitBytes = 64ULL << 20;
    p.threads = 1;
    track::RegistrationParams reg;
    reg.align = align;
    if (!ephemeris.empty())
        reg.motion = track::MotionParams{"2025 SW1", (badCorpusDir() / ephemeris).string()};
    NullProgressSink sink;
    CancelToken cancel;
    (void)c;
    StackRegistration::apply(p, reg, sink, cancel);
    return StackEngine(p, sink, cancel).run();
}

/// The stack with one more good frame: the bad input is skipped, named, with the cause.
void expectSkippedBesideGoodFrames(const BadCase& c, track::AlignMode align = track::AlignMode::None) {
    TempDir out;
    auto inputs = c.frames();
    inputs.push_back("good_b.fits");
    const StackResult r = stackCorpus(c, inputs, out.file("stack.fits"), align);
    EXPECT_EQ(r.used.size(), inputs.size() - 1);
    bool found = false;
    for (const auto& s : r.skipped)
        if (s.path.filename() == c.blamed && s.reason.find(c.cause) != std::string::npos) found = true;
    EXPECT_TRUE(found) << "no skip of " << c.blamed << " with '" << c.cause << "'";
    EXPECT_TRUE(fs::exists(out.file("stack.fits")));
}

std::vector<fs::path> corpusPaths(const std::vector<std::string>& names) {
    std::vector<fs::path> out;
    for (const auto& n : names) out.push_back(badCorpusDir() / n);
    return out;
}

/// Factor-2 interpolation of corpus images into PNG frames.
InterpolateOutcome interpolateCorpus(const std::vector<std::string>& inputs, const fs::path& frames,
                                     InterpolationMethod method) {
    InterpolateRequest req;
    req.inputs = corpusPaths(inputs);
    req.interpolation.factor = 2;
    req.interpolation.method = method;
    req.framesFolder = frames;
    req.budgetBytes = 256ULL << 20;
    NullProgressSink sink;
    return runInterpolateRequest(req, sink, CancelToken{});
}

class BadInputCore : public ::testing::TestWithParam<BadCase> {};

}  // namespace

TEST_P(BadInputCore, RefusedWithFileAndCause) {
    const BadCase& c = GetParam();
    const fs::path blamed = badCorpusDir() / c.blamed;
    TempDir out;
    switch (c.surface) {
        case BadSurface::Fits:
            expectBadInputError([&] { fits::FitsReader reader(blamed); }, c);
            expectBadInputError([&] { stackCorpus(c, c.frames(), out.file("stack.fits")); }, c);
            EXPECT_FALSE(fs::exists(out.file("stack.fits")));
            expectSkippedBesideGoodFrames(c);
            break;
        case BadSurface::Stack:
            expectBadInputError([&] { stackCorpus(c, c.frames(), out.file("stack.fits")); }, c);
            EXPECT_FALSE(fs::exists(out.file("stack.fits")));
            expectSkippedBesideGoodFrames(c);
            break;
        case BadSurface::Wcs: {
            const fits::FitsReader reader(blamed);  // the file itself is fine
            const fits::HeaderCards cards(reader.summary().headerCards);
            expectBadInputError([&] { (void)track::Wcs::fromHeader(cards, blamed.string()); }, c);
            expectBadInputError(
                [&] { stackCorpus(c, c.frames(), out.file("stack.fits"), track::AlignMode::Wcs); }, c);
            expectSkippedBesideGoodFrames(c, track::AlignMode::Wcs);
            break;
        }
        case BadSurface::Ephemeris:
            expectBadInputError(
                [&] { stackCorpus(c, c.frames(), out.file("stack.fits"), track::AlignMode::Wcs, c.blamed); },
                c);
            EXPECT_FALSE(fs::exists(out.file("stack.fits")));
            break;
        case BadSurface::Image:
            expectBadInputError([&] { SequenceLoader loader(corpusPaths(c.inputs), {}); }, c);
            break;
        case BadSurface::Decode: {
            const SequenceLoader loader(corpusPaths(c.inputs), {});
            ASSERT_EQ(loader.size(), c.inputs.size());
            for (std::size_t i = 0; i < loader.size(); ++i) {
                if (loader.info().frames[i].filename() == c.blamed)
                    expectBadInputError([&] { (void)loader.load(i); }, c);
                else
                    EXPECT_FALSE(loader.load(i).empty());
            }
            break;
        }
        case BadSurface::Interp:
            expectBadInputError(
                [&] { interpolateCorpus(c.inputs, out.file("frames"), InterpolationMethod::Flow); }, c);
            EXPECT_FALSE(fs::exists(out.file("frames")));
            break;
        case BadSurface::Ok:
            if (fs::path(c.blamed).extension() == ".fits") {
                const StackResult r = stackCorpus(c, c.frames(), out.file("stack.fits"));
                EXPECT_EQ(r.used.size(), c.frames().size());
                EXPECT_TRUE(r.skipped.empty());
            } else {
                const auto outcome =
                    interpolateCorpus(c.inputs, out.file("frames"), InterpolationMethod::Flow);
                EXPECT_EQ(outcome.interpolation.framesOut, 3);
                EXPECT_TRUE(fs::exists(out.file("frames") / "frame_000002.png"));
            }
            break;
    }
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInputCore, ::testing::ValuesIn(badCases()), badCaseTestName);

// ---- cases that depend on the user or on process limits -------------------------------------------

TEST(BadInputCoreSpecial, HeadersClaimingHugeImagesAreRefusedBeforeAnyAllocation) {
    // A child process whose address space may grow by at most 64 MiB: a reader that believed a
    // 10^6 × 10^6 FITS header (4 TB) or a 100000² PNG/TIFF (10 GB) would die there, not throw.
    const fs::path dir = badCorpusDir();
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        rlimit limit{};
        ::getrlimit(RLIMIT_AS, &limit);
        std::ifstream statm("/proc/self/statm");
        unsigned long long pages = 0;
        statm >> pages;
        const rlim_t cap =
            static_cast<rlim_t>(pages) * static_cast<rlim_t>(::sysconf(_SC_PAGESIZE)) + (64ULL << 20);
        limit.rlim_cur = std::min(limit.rlim_max, cap);
        if (::setrlimit(RLIMIT_AS, &limit) != 0) ::_exit(10);
        auto refused = [](const std::function<void()>& f, const std::string& cause) {
            try {
                f();
            } catch (const SkyweaveError& e) {
                return std::string(e.what()).find(cause) != std::string::npos;
            } catch (...) {
                return false;
            }
            return false;
        };
        int failures = 0;
        failures += !refused(
            [&] {
                fits::FitsReader r(dir / "huge_1e6x1e6.fits");
                (void)r.readImage();
            },
            "NAXIS1 = 1000000");
        for (const char* bomb : {"bomb_100000x100000.png", "bomb_100000x100000.tif", "bomb_65535x65535.jpg"})
            failures += !refused(
                [&] {
                    SequenceLoader l({dir / "loop_a.png", dir / bomb}, {});
                    (void)l.load(1);
                },
                "decompression bomb");
        ::_exit(failures);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status)) << "the child died (signal " << WTERMSIG(status) << ")";
    EXPECT_EQ(WEXITSTATUS(status), 0) << "refusals that did not happen (10: setrlimit failed)";
}

TEST(BadInputCoreSpecial, UnreadablePermissionsAreNamedOrReadAsRoot) {
    TempDir dir;
    const fs::path fitsFile = dir.file("no_permission.fits"), png = dir.file("no_permission.png");
    fs::copy_file(badCorpusDir() / "good_a.fits", fitsFile);
    fs::copy_file(badCorpusDir() / "loop_a.png", png);
    ::chmod(fitsFile.c_str(), 0);
    ::chmod(png.c_str(), 0);
    if (::geteuid() != 0) {
        try {
            fits::FitsReader r(fitsFile);
            ADD_FAILURE() << "a chmod 000 file was opened";
        } catch (const SkyweaveError& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Io);
            EXPECT_NE(
                std::string(e.what()).find("no_permission.fits: cannot open for reading (permission denied)"),
                std::string::npos)
                << e.what();
        }
        try {
            (void)probeImageHeader(png);
            ADD_FAILURE() << "a chmod 000 image was opened";
        } catch (const SkyweaveError& e) {
            EXPECT_NE(std::string(e.what()).find("no_permission.png: cannot open for reading"),
                      std::string::npos)
                << e.what();
        }
    } else {
        // root reads through mode 000; the folder, FIFO and dangling-link cases cover unreadable
        // inputs for root. Here the file must be read exactly as without the chmod.
        const fits::FitsReader r(fitsFile);
        EXPECT_EQ(r.width(), 32);
        EXPECT_FLOAT_EQ(r.readImage()[0], 100.0f);
        EXPECT_EQ(probeImageHeader(png).width, 64);
    }
}

TEST(BadInputCoreSpecial, OnePixelFramesBlendAndEncodeButRefuseFlow) {
    // Flow refuses them (the manifest's image-one-pixel case); blend and pass-through take them.
    TempDir out;
    const auto blended = interpolateCorpus({"one_pixel_a.png", "one_pixel_b.png"}, out.file("blend"),
                                           InterpolationMethod::Blend);
    EXPECT_EQ(blended.interpolation.framesOut, 3);
    const cv::Mat middle = cv::imread(out.file("blend/frame_000001.png").string(), cv::IMREAD_UNCHANGED);
    ASSERT_EQ(middle.size(), cv::Size(1, 1));
    EXPECT_EQ(middle.at<std::uint8_t>(0, 0), 120);  // halfway between 40 and 200
}

TEST(BadInputCoreSpecial, InfinityIsReadAsMissingData) {
    const fits::FitsReader r(badCorpusDir() / "all_inf.fits");
    for (float v : r.readImage()) ASSERT_TRUE(std::isnan(v));
}

TEST(BadInputCoreSpecial, EphemerisWithGarbageNamesTheLine) {
    try {
        (void)track::EphemerisReader::readFile(badCorpusDir() / "ephemeris_garbage.csv");
        ADD_FAILURE() << "garbage line accepted";
    } catch (const SkyweaveError& e) {
        EXPECT_NE(std::string(e.what()).find("ephemeris_garbage.csv:5"), std::string::npos) << e.what();
    }
    // The good one is read, and covers the frames: tracking with it works.
    EXPECT_NO_THROW((void)track::EphemerisReader::readFile(badCorpusDir() / "ephemeris_ok.csv"));
}
