// The stack's header describes what was combined: frame type and total exposure of the frames used.
#include "stack/StackHeader.h"

#include <gtest/gtest.h>

#include "TempDir.h"
#include "common/ProgressSink.h"
#include "fits/FitsReader.h"
#include "fits/FitsWriter.h"
#include "stack/StackEngine.h"

using namespace skyweave;

namespace {

void writeTyped(const std::filesystem::path& path, int w, int h, const std::string& type, double exptime,
                const char* typeKey = "IMAGETYP", float level = 100.0f) {
    fits::FitsWriter writer(path, true);
    const int hdu = writer.addImage(w, h, fits::FitsPixelType::Float32);
    std::vector<float> pixels(static_cast<std::size_t>(w) * h);
    for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = level + static_cast<float>(i % w);
    writer.writeRows(hdu, 0, h, pixels.data());
    writer.setKeyword(hdu, "DATE-OBS", std::string("2025-03-01T00:00:00.000"));
    writer.setKeyword(hdu, "EXPTIME", exptime);
    writer.setKeyword(hdu, typeKey, type);
    writer.commit();
}

StackResult stack(const std::vector<std::filesystem::path>& inputs, const std::filesystem::path& out) {
    StackParams p;
    p.inputs = inputs;
    p.output = out;
    p.threads = 1;
    NullProgressSink sink;
    return StackEngine(p, sink, CancelToken()).run();
}

}  // namespace

TEST(StackHeader, FrameTypeAndExposureComeFromTheFramesUsedNotTheFirstFile) {
    test::TempDir dir;
    // A dark of another size is skipped: it must not add its 300 s or its type.
    writeTyped(dir.file("light1.fits"), 16, 12, "Light Frame", 60.0);
    writeTyped(dir.file("light2.fits"), 16, 12, "Light Frame", 60.0, "IMAGETYP", 110.0f);  // not a copy of light1
    writeTyped(dir.file("dark.fits"), 8, 8, "Dark Frame", 300.0);
    const auto r = stack({dir.file("light1.fits"), dir.file("light2.fits"), dir.file("dark.fits")}, dir.file("a.fits"));
    ASSERT_EQ(r.used.size(), 2u);
    const fits::FitsReader a(dir.file("a.fits"));
    EXPECT_DOUBLE_EQ(std::stod(*a.keyword("EXPTIME")), 120.0);
    EXPECT_EQ(a.keyword("IMAGETYP"), "Light Frame");

    // Lights and a dark of the same size are all combined: the stack is not called a light frame.
    writeTyped(dir.file("dark_same.fits"), 16, 12, "Dark Frame", 30.0, "FRAMETYP", 5.0f);
    stack({dir.file("light1.fits"), dir.file("light2.fits"), dir.file("dark_same.fits")}, dir.file("b.fits"));
    const fits::FitsReader b(dir.file("b.fits"));
    EXPECT_EQ(b.keyword("IMAGETYP"), "MIXED");
    EXPECT_FALSE(b.keyword("FRAMETYP").has_value());
    EXPECT_DOUBLE_EQ(std::stod(*b.keyword("EXPTIME")), 150.0);
    EXPECT_NE(b.summary().headerCards.find("frame types combined: 1 x Dark Frame, 2 x Light Frame"), std::string::npos);
}

TEST(FitsReader, FiltnameIsReadAsTheFilterWhenFilterIsAbsent) {
    test::TempDir dir;
    writeTyped(dir.file("f.fits"), 8, 8, "Ha", 10.0, "FILTNAME");
    // writeFrame writes no FILTER card, so FILTNAME is the filter.
    EXPECT_EQ(fits::FitsReader::readSummary(dir.file("f.fits")).filter, "Ha");
}
