#include "fits/FitsReader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <array>
#include <fstream>

#include "FitsTestFiles.h"
#include "TempDir.h"
#include "common/Errors.h"
#include "fits/RiceStream.h"

#include <fitsio.h>

using namespace skyweave;
using skyweave::fits::FitsReader;

namespace {

std::vector<double> ramp(int n, double start, double step) {
    std::vector<double> v(n);
    for (int i = 0; i < n; ++i) v[i] = start + step * i;
    return v;
}

void expectPixels(const FitsReader& r, const std::vector<double>& expected) {
    const auto img = r.readImage();
    ASSERT_EQ(img.size(), expected.size());
    for (std::size_t i = 0; i < img.size(); ++i) EXPECT_FLOAT_EQ(img[i], static_cast<float>(expected[i])) << i;
}

}  // namespace

struct BitpixCase {
    int bitpix;
    double start, step, bzero, bscale;
};

class FitsReaderBitpix : public ::testing::TestWithParam<BitpixCase> {};

TEST_P(FitsReaderBitpix, ConvertsToPhysicalFloat) {
    const auto c = GetParam();
    test::TempDir dir;
    const auto path = dir.file("img.fits");
    const auto values = ramp(12 * 7, c.start, c.step);
    test::writeTestImage(path, c.bitpix, 12, 7, values, c.bzero, c.bscale);
    FitsReader r(path);
    EXPECT_EQ(r.width(), 12);
    EXPECT_EQ(r.height(), 7);
    EXPECT_EQ(r.summary().bitpix, c.bitpix);
    expectPixels(r, values);
}

INSTANTIATE_TEST_SUITE_P(AllBitpix, FitsReaderBitpix,
                         ::testing::Values(BitpixCase{8, 0, 3, 0, 1}, BitpixCase{16, -1000, 17, 0, 1},
                                           BitpixCase{16, 0, 700, 32768, 1},  // unsigned 16-bit
                                           BitpixCase{16, 100, 0.5, 100, 0.5}, BitpixCase{32, -2e6, 12345, 0, 1},
                                           BitpixCase{64, -5e9, 1e8, 0, 1}, BitpixCase{-32, -1.5, 0.25, 0, 1},
                                           BitpixCase{-64, 1e-3, 1e-3, 0, 1}));

TEST(FitsReader, BlankBecomesNaN) {
    test::TempDir dir;
    const auto path = dir.file("blank.fits");
    const long long blank = -32768;
    test::writeTestImage(path, 16, 4, 3, ramp(12, 10, 1), 10.0, 1.0, &blank);
    FitsReader r(path);
    const auto img = r.readImage();
    EXPECT_TRUE(std::isnan(img[0]));
    EXPECT_FLOAT_EQ(img[1], 11.0f);
}

TEST(FitsReader, FloatNaNStaysNaN) {
    test::TempDir dir;
    const auto path = dir.file("nan.fits");
    auto values = ramp(12, 1, 1);
    values[5] = std::nan("");
    test::writeTestImage(path, -32, 4, 3, values);
    const auto img = FitsReader(path).readImage();
    EXPECT_TRUE(std::isnan(img[5]));
    EXPECT_FLOAT_EQ(img[6], 7.0f);
}

TEST(FitsReader, RowRangeReadsMatchWholeImage) {
    test::TempDir dir;
    const auto path = dir.file("rows.fits");
    const auto values = ramp(20 * 15, 0, 1);
    test::writeTestImage(path, -32, 20, 15, values);
    FitsReader r(path);
    std::vector<float> rows(20 * 4);
    r.readRows(6, 4, rows.data());
    for (int i = 0; i < 80; ++i) EXPECT_FLOAT_EQ(rows[i], static_cast<float>(values[6 * 20 + i]));
    EXPECT_THROW(r.readRows(13, 4, rows.data()), SkyweaveError);
}

TEST(FitsReader, HeaderSummary) {
    test::TempDir dir;
    const auto path = dir.file("hdr.fits");
    test::writeTestImage(path, -32, 4, 3, ramp(12, 0, 1));
    const auto s = FitsReader::readSummary(path);
    EXPECT_EQ(s.dateObs, "2025-03-01T01:02:03.500");
    ASSERT_TRUE(s.dateObsMjd);
    ASSERT_TRUE(s.midExposureMjd());
    EXPECT_NEAR((*s.midExposureMjd() - *s.dateObsMjd) * 86400.0, 15.0, 1e-5);
    EXPECT_DOUBLE_EQ(*s.exposureSeconds, 30.0);
    EXPECT_DOUBLE_EQ(*s.gain, 1.5);
    EXPECT_EQ(s.filter, "R");
    EXPECT_EQ(s.object, "2025 BC");
    EXPECT_FALSE(s.hasCelestialWcs);
    EXPECT_EQ(s.headerCards.size(), static_cast<std::size_t>(s.cardCount) * 80);
    EXPECT_NE(s.headerCards.find("DATE-OBS= '2025-03-01T01:02:03.500'"), std::string::npos);
}

TEST(FitsReader, TileCompressedImage) {
    test::TempDir dir;
    const auto path = dir.file("img.fits.fz");
    const auto values = ramp(40 * 33, -500, 3);
    test::writeTestImage(path, 16, 40, 33, values, 0, 1, nullptr, /*compressed=*/true);
    FitsReader r(path);
    EXPECT_TRUE(r.summary().compressed);
    EXPECT_EQ(r.summary().hduNumber, 2);
    EXPECT_EQ(r.width(), 40);
    EXPECT_NE(r.summary().headerCards.find("NAXIS1  =                   40"), std::string::npos);
    expectPixels(r, values);
    std::vector<float> rows(40 * 2);
    r.readRows(31, 2, rows.data());
    EXPECT_FLOAT_EQ(rows[79], static_cast<float>(values.back()));
}

TEST(FitsReader, CubeWithOnePlaneIsAnImage) {
    test::TempDir dir;
    const auto path = dir.file("cube1.fits");
    test::writeTestImage(path, -32, 5, 4, ramp(20, 0, 1), 0, 1, nullptr, false, 1);
    EXPECT_EQ(FitsReader(path).height(), 4);
}

TEST(FitsReader, RefusesCubeMissingAndGarbage) {
    test::TempDir dir;
    const auto cube = dir.file("cube.fits");
    test::writeTestImage(cube, -32, 5, 4, ramp(40, 0, 1), 0, 1, nullptr, false, 2);
    try {
        FitsReader r(cube);
        FAIL() << "a 3-plane cube was accepted";
    } catch (const SkyweaveError& e) {
        EXPECT_NE(std::string(e.what()).find("cube.fits: NAXIS3 = 2"), std::string::npos) << e.what();
    }
    EXPECT_THROW(FitsReader(dir.file("missing.fits")), SkyweaveError);
    std::ofstream(dir.file("junk.fits")) << "this is not FITS";
    try {
        FitsReader r(dir.file("junk.fits"));
        FAIL();
    } catch (const SkyweaveError& e) {
        EXPECT_NE(std::string(e.what()).find("junk.fits"), std::string::npos);
    }
}

TEST(FitsReader, RefusesAbsurdAxisBeforeAllocating) {
    test::TempDir dir;
    const auto path = dir.file("huge.fits");
    // A header-only file that claims 10^7 columns: must be refused from the header.
    fitsfile* f = nullptr;
    int status = 0;
    fits_create_file(&f, path.c_str(), &status);
    fits_write_imghdr(f, FLOAT_IMG, 2, std::array<long, 2>{10000000, 10}.data(), &status);
    fits_close_file(f, &status);
    try {
        FitsReader r(path);
        FAIL();
    } catch (const SkyweaveError& e) {
        EXPECT_NE(std::string(e.what()).find("NAXIS1 = 10000000"), std::string::npos) << e.what();
    }
}

namespace {

/// 2880-byte FITS blocks holding `cards` (each padded to 80 characters) and END.
std::string headerBlocks(const std::vector<std::string>& cards) {
    std::string h;
    for (const auto& c : cards) h += (c + std::string(80, ' ')).substr(0, 80);
    h += (std::string("END") + std::string(80, ' ')).substr(0, 80);
    h.resize((h.size() + 2879) / 2880 * 2880, ' ');
    return h;
}

/// Rewrites the value of the first `keyword` card in the file (value right-aligned in columns 11–30).
void patchCard(const std::filesystem::path& path, const std::string& keyword, const std::string& value) {
    std::string bytes;
    {
        std::ifstream in(path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    const std::string key = (keyword + "        ").substr(0, 8) + "= ";
    const auto at = bytes.find(key);
    ASSERT_NE(at, std::string::npos) << keyword;
    bytes.replace(at + 10, 20, (std::string(20, ' ') + value).substr(value.size()));
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

std::string bintableClaiming(long long tfields) {
    return headerBlocks({"XTENSION= 'BINTABLE'", "BITPIX  =                    8", "NAXIS   =                    2",
                         "NAXIS1  =                    4", "NAXIS2  =                    1",
                         "PCOUNT  =                    0", "GCOUNT  =                    1",
                         "TFIELDS = " + std::to_string(tfields), "TFORM1  = '1J      '"}) +
           std::string(2880, '\0');
}

}  // namespace

// Found by tests/fuzz/fits_reader_fuzzer: a table extension claiming 10^8 columns made cfitsio
// allocate 16 GB while the reader counted HDUs. The header is now refused before cfitsio parses it.
TEST(FitsReader, RefusesTableWithAbsurdColumnCountBeforeCfitsioAllocates) {
    test::TempDir dir;
    const auto path = dir.file("hostile-table.fits");
    const std::string primary = headerBlocks({"SIMPLE  =                    T", "BITPIX  =                   16",
                                              "NAXIS   =                    0", "EXTEND  =                    T"});
    std::ofstream(path, std::ios::binary) << primary << bintableClaiming(99999999);
    try {
        FitsReader r(path);
        FAIL() << "a table with 10^8 columns was accepted";
    } catch (const SkyweaveError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::BadInput);
        EXPECT_NE(std::string(e.what()).find("hostile-table.fits: HDU at byte 2880 has TFIELDS = 99999999"), std::string::npos)
            << e.what();
    }
}

TEST(FitsReader, ExtensionsAfterThePrimaryImageAreNotParsed) {
    test::TempDir dir;
    const auto path = dir.file("image-then-table.fits");
    test::writeTestImage(path, -32, 5, 4, ramp(20, 0, 1), 0, 1);
    std::ofstream(path, std::ios::binary | std::ios::app) << bintableClaiming(99999999);
    FitsReader r(path);
    EXPECT_EQ(r.width(), 5);
    expectPixels(r, ramp(20, 0, 1));
}

// Found by tests/fuzz/fits_reader_fuzzer (LeakSanitizer): a compressed image whose ZBITPIX is not
// a FITS pixel type failed in cfitsio's header conversion, and the partly built card string was
// never freed. The error names the file; the string is owned (and freed) on every path.
TEST(FitsReader, CompressedHeaderWithInvalidZbitpixIsAnErrorWithoutLeaking) {
    test::TempDir dir;
    const auto path = dir.file("bad-zbitpix.fits.fz");
    test::writeTestImage(path, 16, 8, 6, ramp(48, 0, 1), 0, 1, nullptr, /*compressed=*/true);
    patchCard(path, "ZBITPIX", "15");
    try {
        FitsReader r(path);
        FAIL() << "ZBITPIX = 15 was accepted";
    } catch (const SkyweaveError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::BadInput);
        EXPECT_NE(std::string(e.what()).find("bad-zbitpix.fits.fz: "), std::string::npos) << e.what();
    }
}

// Found by tests/fuzz/fits_reader_fuzzer: a compressed image with a zero or non-numeric tile size
// made cfitsio divide by zero while moving to the HDU (SIGFPE: the process died). The tile sizes
// are now checked before cfitsio parses the header.
TEST(FitsReader, CompressedImageWithBadTileSizeIsRefusedBeforeCfitsioDividesByIt) {
    test::TempDir dir;
    int index = 0;
    for (const std::string bad : {"0", "'BYTEPIX '"}) {
        const auto path = dir.file("bad-tile-" + std::to_string(++index) + ".fits.fz");
        test::writeTestImage(path, 16, 8, 6, ramp(48, 0, 1), 0, 1, nullptr, /*compressed=*/true);
        patchCard(path, "ZTILE2", bad);
        try {
            FitsReader r(path);
            FAIL() << bad << " was accepted";
        } catch (const SkyweaveError& e) {
            EXPECT_EQ(e.kind(), ErrorKind::BadInput);
            EXPECT_NE(std::string(e.what()).find(".fits.fz: HDU at byte 2880 has ZTILE2 = " + bad), std::string::npos)
                << e.what();
            EXPECT_NE(std::string(e.what()).find("a tile size is a positive whole number"), std::string::npos);
        }
    }
}

// Found by tests/fuzz/fits_reader_fuzzer: a tile descriptor claiming 4 GB of compressed bytes made
// cfitsio allocate that much before reading the tile. Descriptors are now checked against the heap.
TEST(FitsReader, CompressedTileOutsideTheHeapIsRefusedBeforeDecompressing) {
    test::TempDir dir;
    const auto path = dir.file("bad-descriptor.fits.fz");
    test::writeTestImage(path, 16, 8, 6, ramp(48, 0, 1), 0, 1, nullptr, /*compressed=*/true);
    long long dataStart = 0;
    {
        fitsfile* f = nullptr;
        int status = 0, type = 0;
        long long headStart = 0, dataEnd = 0;
        fits_open_diskfile(&f, path.c_str(), READONLY, &status);
        fits_movabs_hdu(f, 2, &type, &status);
        fits_get_hduaddrll(f, &headStart, &dataStart, &dataEnd, &status);
        fits_close_file(f, &status);
        ASSERT_EQ(status, 0);
    }
    {
        // Row 1's descriptor (1PB: 32-bit big-endian count, then offset) now claims 0x7FFFFFF0 bytes.
        std::fstream io(path, std::ios::binary | std::ios::in | std::ios::out);
        io.seekp(dataStart);
        io.write("\x7f\xff\xff\xf0", 4);
    }
    try {
        FitsReader r(path);
        FAIL() << "a 2 GB tile was accepted";
    } catch (const SkyweaveError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::BadInput);
        EXPECT_NE(std::string(e.what()).find("bad-descriptor.fits.fz: tile 1 claims 2147483632 bytes at heap offset 0"),
                  std::string::npos)
            << e.what();
    }
}

namespace {
void patchBytes(const std::filesystem::path& path, std::streamoff offset, std::initializer_list<unsigned char> bytes) {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(offset, offset < 0 ? std::ios::end : std::ios::beg);
    for (unsigned char b : bytes) f.put(static_cast<char>(b));
}
}  // namespace

TEST(FitsReader, GzipFitsIsReadAndAnExpansionClaimBeyondTheLimitIsRefusedBeforeUnpacking) {
    test::TempDir dir;
    const auto plain = dir.file("frame.fits");
    test::writeTestImage(plain, -32, 5, 4, ramp(20, 1, 0.5));
    ASSERT_EQ(std::system(("gzip -kn '" + plain.string() + "'").c_str()), 0);
    const auto gz = dir.file("frame.fits.gz");
    {
        FitsReader r(gz);
        expectPixels(r, ramp(20, 1, 0.5));
    }
    // The gzip trailer says how large the file is unpacked; cfitsio allocates that before reading
    // (and 4 GiB for a claim of 0).
    patchBytes(gz, -4, {0, 0, 0, 0});
    try {
        FitsReader r(gz);
        FAIL() << "a gzip trailer claiming 0 bytes was accepted";
    } catch (const SkyweaveError& e) {
        EXPECT_NE(std::string(e.what()).find("does not say how large it is unpacked"), std::string::npos) << e.what();
    }
    patchBytes(gz, -4, {0xf0, 0xff, 0xff, 0xff});
    try {
        FitsReader r(gz);
        FAIL() << "a 4 GB expansion claim was accepted";
    } catch (const SkyweaveError& e) {
        EXPECT_NE(std::string(e.what()).find("frame.fits.gz: compressed file claims to expand to 4095 MB"),
                  std::string::npos)
            << e.what();
    }
}

TEST(FitsReader, ZipWhoseHeaderClaimsFourGigabytesIsRefusedBeforeUnpacking) {
    // The shape libFuzzer found: a PKZIP local header whose uncompressed-size field is 0xFFFFFFFF.
    test::TempDir dir;
    const auto path = dir.file("bomb.fits");
    {
        std::ofstream out(path, std::ios::binary);
        std::string bytes = "PK\x03\x04";
        bytes.append(18, '\0');
        bytes.append(4, '\xff');  // offset 22: uncompressed size
        bytes.append(200, '&');
        out << bytes;
    }
    try {
        FitsReader r(path);
        FAIL() << "accepted";
    } catch (const SkyweaveError& e) {
        EXPECT_NE(std::string(e.what()).find("claims to expand to 4095 MB"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("bomb.fits"), std::string::npos) << e.what();
    }
}

TEST(RiceStream, AcceptsWhatTheEncoderWritesAndRefusesStreamsThatRunOut) {
    using skyweave::fits::checkRiceStream;
    // 16-bit: first value (2 bytes), then a 4-bit block code. Code 0 (fs = −1): all 32 differences zero.
    const unsigned char flat[] = {0x01, 0x00, 0x00};
    EXPECT_EQ(checkRiceStream(flat, sizeof flat, 32, 32, 2), "");
    // Code 1 (fs = 0): every pixel is a unary code ending in a one bit; zeros to the end never end one.
    const unsigned char runaway[] = {0x01, 0x00, 0x10, 0x00, 0x00, 0x00};
    EXPECT_NE(checkRiceStream(runaway, sizeof runaway, 16, 32, 2).find("ends after 0 of 16 pixels"),
              std::string::npos);
    // The same code with 16 one bits: 16 pixels of difference 0 — exactly enough.
    const unsigned char ones[] = {0x01, 0x00, 0x1f, 0xff, 0xf0};
    EXPECT_EQ(checkRiceStream(ones, sizeof ones, 16, 32, 2), "");
    EXPECT_NE(checkRiceStream(ones, sizeof ones, 17, 32, 2).find("ends after 16 of 17"), std::string::npos);
    EXPECT_NE(checkRiceStream(ones, sizeof ones, 16, 32, 3).find("BYTEPIX = 3"), std::string::npos);
}

TEST(FitsReader, CorruptRiceTileIsRefusedBeforeCfitsioDecodesIt) {
    test::TempDir dir;
    const auto path = dir.file("tiles.fits");
    test::writeTestImage(path, 16, 32, 32, ramp(32 * 32, 100, 3), 0.0, 1.0, nullptr, /*compressed=*/true);
    { FitsReader ok(path); }  // the encoder's own tiles pass
    // Overwrite the first tile after its first value with a block code of fs = 0 and zeros: a
    // unary code that never ends (cfitsio's decoder would read on past the tile).
    long long heapStart = 0;
    {
        fitsfile* f = nullptr;
        int status = 0;
        fits_open_file(&f, path.c_str(), READONLY, &status);
        fits_movabs_hdu(f, 2, nullptr, &status);
        long long head = 0, data = 0, end = 0, naxis1 = 0, naxis2 = 0, length = 0, offset = 0;
        fits_get_hduaddrll(f, &head, &data, &end, &status);
        fits_read_key(f, TLONGLONG, "NAXIS1", &naxis1, nullptr, &status);
        fits_read_key(f, TLONGLONG, "NAXIS2", &naxis2, nullptr, &status);
        int column = 0;
        char name[] = "COMPRESSED_DATA";
        fits_get_colnum(f, CASEINSEN, name, &column, &status);
        fits_read_descriptll(f, column, 1, &length, &offset, &status);
        fits_close_file(f, &status);
        ASSERT_EQ(status, 0);
        ASSERT_GT(length, 4);
        heapStart = data + naxis1 * naxis2 + offset;
        std::fstream out(path, std::ios::in | std::ios::out | std::ios::binary);
        out.seekp(heapStart + 2);
        out.put(static_cast<char>(0x10));
        for (long long i = 3; i < length; ++i) out.put('\0');
    }
    try {
        FitsReader r(path);
        FAIL() << "a corrupt Rice tile was accepted";
    } catch (const SkyweaveError& e) {
        EXPECT_NE(std::string(e.what()).find("tiles.fits: tile 1 is corrupt (Rice stream ends after"), std::string::npos)
            << e.what();
    }
    // Reopening a file already walked (as a stack does per strip) checks the descriptors only.
    EXPECT_NO_THROW(FitsReader(path, FitsReader::TileCheck::Trust));
}

TEST(FitsReader, StructuralKeywordThatIsNotANumberIsRefusedBeforeCfitsioParsesIt) {
    // cfitsio's own error text for such a value overruns its buffer (found by the FITS fuzz target
    // with ZVAL2 = "(    2" in a tile-compressed image); the primary header is checked the same way.
    test::TempDir dir;
    const auto path = dir.file("bad_bzero.fits");
    test::writeTestImage(path, 16, 4, 3, ramp(12, 1, 1), 100.0, 1.0);
    {
        std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
        std::string header(2880, ' ');
        f.read(header.data(), 2880);
        const auto at = header.find("BZERO   = ");
        ASSERT_NE(at, std::string::npos);
        f.seekp(static_cast<std::streamoff>(at + 10));
        f << "(                                     1";
    }
    try {
        FitsReader r(path);
        FAIL() << "accepted";
    } catch (const SkyweaveError& e) {
        EXPECT_NE(std::string(e.what()).find("bad_bzero.fits: primary HDU at byte 0 has BZERO = ("), std::string::npos)
            << e.what();
        EXPECT_NE(std::string(e.what()).find("a number is required"), std::string::npos) << e.what();
    }
}

TEST(FitsReader, HeaderCardWithControlBytesIsRefusedNamingTheCard) {
    test::TempDir dir;
    const auto path = dir.file("control.fits");
    test::writeTestImage(path, 16, 4, 3, ramp(12, 1, 1));
    {
        std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(80 * 2 + 40);  // inside the third card (NAXIS)
        f.put('\x0b');
    }
    try {
        FitsReader r(path);
        FAIL() << "accepted";
    } catch (const SkyweaveError& e) {
        EXPECT_NE(std::string(e.what()).find("control.fits: primary HDU at byte 0 has card 3 with byte 0x0B"),
                  std::string::npos)
            << e.what();
    }
}
