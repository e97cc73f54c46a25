#include "common/AtomicFile.h"

#include <gtest/gtest.h>

#include <fstream>

#include "TempDir.h"
#include "common/Errors.h"

namespace fs = std::filesystem;
using skyweave::AtomicFile;
using skyweave::SkyweaveError;

namespace {
void writeText(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }
std::string readText(const fs::path& p) {
    std::ifstream in(p);
    return {std::istreambuf_iterator<char>(in), {}};
}
}  // namespace

TEST(AtomicFile, CommitMovesTheTemporaryIntoPlace) {
    skyweave::test::TempDir dir;
    const auto target = dir.file("out.fits");
    {
        AtomicFile file(target, false);
        EXPECT_EQ(file.tempPath().parent_path(), target.parent_path());
        EXPECT_EQ(file.tempPath().extension(), ".fits");
        writeText(file.tempPath(), "data");
        EXPECT_FALSE(fs::exists(target));
        file.commit();
        EXPECT_FALSE(fs::exists(file.tempPath()));
    }
    EXPECT_EQ(readText(target), "data");
}

TEST(AtomicFile, DestroyedWithoutCommitLeavesNothing) {
    skyweave::test::TempDir dir;
    const auto target = dir.file("out.mp4");
    fs::path temp;
    {
        AtomicFile file(target, false);
        temp = file.tempPath();
        writeText(temp, "half");
    }
    EXPECT_FALSE(fs::exists(temp));
    EXPECT_FALSE(fs::exists(target));
    EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(AtomicFile, RefusesToReplaceAnExistingFileUnlessAllowed) {
    skyweave::test::TempDir dir;
    const auto target = dir.file("keep.txt");
    writeText(target, "original");
    EXPECT_THROW(AtomicFile(target, false), SkyweaveError);
    EXPECT_EQ(readText(target), "original");

    AtomicFile file(target, true);
    writeText(file.tempPath(), "new");
    file.commit();
    EXPECT_EQ(readText(target), "new");
}

TEST(AtomicFile, MissingFolderIsAClearError) {
    skyweave::test::TempDir dir;
    try {
        AtomicFile file(dir.file("no/such/folder/out.fits"), false);
        FAIL() << "expected an error";
    } catch (const SkyweaveError& e) {
        EXPECT_EQ(e.kind(), skyweave::ErrorKind::Io);
        EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos) << e.what();
    }
}

TEST(AtomicFile, CommitWithoutWritingFails) {
    skyweave::test::TempDir dir;
    AtomicFile file(dir.file("never.txt"), false);
    EXPECT_THROW(file.commit(), SkyweaveError);
    EXPECT_FALSE(fs::exists(dir.file("never.txt")));
}
