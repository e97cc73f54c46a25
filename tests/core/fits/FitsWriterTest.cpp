#include "fits/FitsWriter.h"

#include <gtest/gtest.h>

#include <cmath>
#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "TempDir.h"
#include "common/Errors.h"
#include "fits/FitsReader.h"

using namespace skyweave;
using namespace skyweave::fits;

TEST(FitsWriter, WritesFloatImageKeywordsAndExtension) {
    test::TempDir dir;
    const auto path = dir.file("out.fits");
    {
        FitsWriter w(path, false);
        const int primary = w.addImage(6, 5, FitsPixelType::Float32, {}, 40);
        const int cov = w.addImage(6, 5, FitsPixelType::Int16, "COVERAGE");
        EXPECT_EQ(primary, 1);
        EXPECT_EQ(cov, 2);
        std::vector<float> rows(6 * 5);
        for (int i = 0; i < 30; ++i) rows[i] = i * 0.5f;
        rows[3] = std::nanf("");
        // Strips in any order, after the extension exists.
        w.writeRows(primary, 3, 2, rows.data() + 18);
        w.writeRows(primary, 0, 3, rows.data());
        std::vector<std::int32_t> counts(30, 7);
        w.writeRows(cov, 0, 5, counts.data());
        w.setKeyword(primary, "NCOMBINE", 7);
        w.setKeyword(primary, "CHUNKED_PROCESSING", false);
        w.setKeyword(primary, "TOTAL_CHUNKS", 3, "strips");
        w.setKeyword(primary, "TRACKED_OBJECT", std::string("2025 BC"));
        w.setKeyword(primary, "EXPTIME", 210.5);
        w.addHistory(primary, std::string(150, 'x'));
        EXPECT_FALSE(std::filesystem::exists(path));  // nothing under the final name before commit
        w.commit();
    }
    FitsReader r(path);
    const auto img = r.readImage();
    EXPECT_TRUE(std::isnan(img[3]));
    EXPECT_FLOAT_EQ(img[29], 14.5f);
    EXPECT_EQ(r.keyword("NCOMBINE"), "7");
    EXPECT_EQ(r.keyword("CHUNKED_PROCESSING"), "F");
    EXPECT_EQ(r.keyword("TRACKED_OBJECT"), "2025 BC");
    EXPECT_NE(r.summary().headerCards.find("HIERARCH CHUNKED_PROCESSING = F"), std::string::npos);
    EXPECT_EQ(std::filesystem::directory_iterator(dir.path())->path(), path);  // no temporary left
}

TEST(FitsWriter, DestroyedWithoutCommitLeavesNothing) {
    test::TempDir dir;
    {
        FitsWriter w(dir.file("a.fits"), false);
        w.addImage(2, 2, FitsPixelType::Float32);
    }
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(FitsWriter, NeverOverwritesUnlessAsked) {
    test::TempDir dir;
    std::ofstream(dir.file("x.fits")) << "keep me";
    EXPECT_THROW(FitsWriter(dir.file("x.fits"), false), SkyweaveError);
    FitsWriter w(dir.file("x.fits"), true);
    w.addImage(1, 1, FitsPixelType::Float32);
    float v = 1.0f;
    w.writeRows(1, 0, 1, &v);
    w.commit();
    EXPECT_FLOAT_EQ(FitsReader(dir.file("x.fits")).readImage()[0], 1.0f);
}

TEST(FitsWriter, AstropyReadsHierarchKeywords) {
    if (std::system("/usr/bin/python3 -c 'import astropy' >/dev/null 2>&1") != 0) GTEST_SKIP() << "no astropy";
    test::TempDir dir;
    const auto path = dir.file("h.fits");
    FitsWriter w(path, false);
    const int p = w.addImage(2, 2, FitsPixelType::Float32);
    std::vector<float> px(4, 1.0f);
    w.writeRows(p, 0, 2, px.data());
    w.setKeyword(p, "CHUNKED_PROCESSING", true);
    w.setKeyword(p, "TOTAL_CHUNKS", 4);
    w.commit();
    const std::string cmd = "/usr/bin/python3 -c \"from astropy.io import fits; h=fits.getheader('" + path.string() +
                            "'); import sys; sys.exit(0 if h['CHUNKED_PROCESSING'] is True and h['TOTAL_CHUNKS']==4 else 1)\"";
    EXPECT_EQ(std::system(cmd.c_str()), 0);
}
