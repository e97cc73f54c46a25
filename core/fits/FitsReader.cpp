#include "fits/FitsReader.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <system_error>
#include <vector>

#include <fitsio.h>

#include "common/AstroTime.h"
#include "common/Errors.h"
#include "fits/FitsPrecheck.h"
#include "fits/RiceStream.h"

namespace skyweave::fits {
namespace {

fitsfile* asFits(void* p) { return static_cast<fitsfile*>(p); }

std::optional<std::string> readStringKey(fitsfile* f, const char* name) {
    char value[FLEN_VALUE] = {};
    int status = 0;
    if (fits_read_key(f, TSTRING, name, value, nullptr, &status) != 0) return std::nullopt;
    return std::string(value);
}

std::optional<double> readDoubleKey(fitsfile* f, const char* name) {
    double value = 0.0;
    int status = 0;
    if (fits_read_key(f, TDOUBLE, name, &value, nullptr, &status) != 0) return std::nullopt;
    return value;
}

/// What the Rice check needs of a tile-compressed image's header (used = false for other codecs).
struct RiceLayout {
    bool used = false;
    int blockSize = 32;
    int bytePix = 4;
    std::vector<long long> axes;   // ZNAXISn
    std::vector<long long> tiles;  // ZTILEn
    /// Pixels in tile `row` (1-based, tiles in FITS order); edge tiles are cut by the image.
    [[nodiscard]] long long tilePixels(long long row) const {
        long long index = row - 1, pixels = 1;
        for (std::size_t d = 0; d < axes.size(); ++d) {
            const long long across = (axes[d] + tiles[d] - 1) / tiles[d];
            const long long k = index % across;
            index /= across;
            pixels *= std::min(tiles[d], axes[d] - k * tiles[d]);
        }
        return pixels;
    }
};

RiceLayout riceLayout(fitsfile* f) {
    RiceLayout layout;
    int status = 0;
    char type[FLEN_VALUE] = "";
    if (fits_read_key(f, TSTRING, "ZCMPTYPE", type, nullptr, &status) != 0 || trimTrailingBlanks(type) != "RICE_1")
        return layout;
    int naxis = 0;
    if (fits_read_key(f, TINT, "ZNAXIS", &naxis, nullptr, &status) != 0 || naxis < 1 || naxis > 9) return layout;
    for (int d = 1; d <= naxis; ++d) {
        long long axis = 0, tile = 0;
        const std::string n = std::to_string(d);
        if (fits_read_key(f, TLONGLONG, ("ZNAXIS" + n).c_str(), &axis, nullptr, &status) != 0 || axis < 1)
            return layout;
        int tileStatus = 0;  // ZTILEn absent: tiles are whole rows (first axis), one pixel deep elsewhere
        if (fits_read_key(f, TLONGLONG, ("ZTILE" + n).c_str(), &tile, nullptr, &tileStatus) != 0)
            tile = d == 1 ? axis : 1;
        if (tile < 1) return layout;
        layout.axes.push_back(axis);
        layout.tiles.push_back(tile);
    }
    for (int i = 1; i <= 9; ++i) {
        char name[FLEN_VALUE] = "";
        int value = 0, s = 0;
        if (fits_read_key(f, TSTRING, ("ZNAME" + std::to_string(i)).c_str(), name, nullptr, &s) != 0) break;
        if (fits_read_key(f, TINT, ("ZVAL" + std::to_string(i)).c_str(), &value, nullptr, &s) != 0) break;
        if (trimTrailingBlanks(name) == "BLOCKSIZE") layout.blockSize = value;
        if (trimTrailingBlanks(name) == "BYTEPIX") layout.bytePix = value;
    }
    layout.used = true;
    return layout;
}

}  // namespace

FitsReader::FitsReader(const std::filesystem::path& path, TileCheck tiles) {
    summary_.path = path.string();
    const bool plainFits = checkFitsFile(path, summary_.path) == FitsContainer::PlainFits;
    std::error_code ec;
    const auto fileBytes = static_cast<long long>(std::filesystem::file_size(path, ec));
    if (plainFits)
        if (const auto cause = badExtensionHeader(summary_.path, 0); !cause.empty())
            throw SkyweaveError(ErrorKind::BadInput, summary_.path + ": primary " + cause);
    openFile(path, plainFits, fileBytes);
    const int naxis = moveToFirstImage();
    int status = 0;
    summary_.compressed = fits_is_compressed_image(asFits(handle()), &status) != 0;
    if (summary_.compressed) checkTileDescriptors(tiles);
    readImageSize(naxis, plainFits && !summary_.compressed, fileBytes);
    readSummaryKeywords();
    readHeaderCards();
}

void FitsReader::openFile(const std::filesystem::path& path, bool plainFits, long long fileBytes) {
    fitsfile* raw = nullptr;
    int status = 0;
    // fits_open_diskfile: the name is taken literally (no cfitsio "[ext]" filter syntax).
    if (fits_open_diskfile(&raw, summary_.path.c_str(), READONLY, &status) != 0) {
        if (raw) file_.reset(raw);
        const std::string why = fitsErrorText(status);
        if (plainFits && status == BAD_BITPIX)
            throw SkyweaveError(ErrorKind::BadInput,
                                summary_.path + ": BITPIX = " + firstCardValue(path, "BITPIX") +
                                    " is not a FITS pixel type (8, 16, 32, 64, -32 or -64)");
        if (plainFits && fileBytes % kFitsBlockBytes != 0)
            throw SkyweaveError(ErrorKind::BadInput,
                                summary_.path + ": file is truncated (" + std::to_string(fileBytes) +
                                    " bytes, not whole 2880-byte FITS blocks; " + why + ")");
        throw SkyweaveError(ErrorKind::BadInput, summary_.path + ": not a readable FITS file (" + why + ")");
    }
    file_.reset(raw);
}

int FitsReader::moveToFirstImage() {
    // HDUs are visited one by one up to the first image (usually the primary): extensions after it
    // are never parsed, and each extension header is checked before cfitsio parses it.
    fitsfile* raw = asFits(handle());
    int status = 0;
    int naxis = 0;
    int found = 0;
    for (int hdu = 1; !found; ++hdu) {
        if (hdu > 1) {
            long long headStart = 0, dataStart = 0, nextHdu = 0;
            if (fits_get_hduaddrll(raw, &headStart, &dataStart, &nextHdu, &status) != 0) fail(status, "cannot locate HDU " + std::to_string(hdu));
            if (const auto cause = badExtensionHeader(summary_.path, nextHdu); !cause.empty())
                throw SkyweaveError(ErrorKind::BadInput, summary_.path + ": " + cause);
        }
        int type = 0;
        if (fits_movabs_hdu(raw, hdu, &type, &status) != 0) {
            if (status == END_OF_FILE && hdu > 1) break;  // no more HDUs
            fail(status, "cannot read HDU " + std::to_string(hdu));
        }
        if (type != IMAGE_HDU) continue;  // compressed images report IMAGE_HDU too
        if (fits_get_img_dim(raw, &naxis, &status) != 0) fail(status, "cannot read NAXIS");
        if (naxis > 0) found = hdu;
    }
    if (!found) throw SkyweaveError(ErrorKind::BadInput, summary_.path + ": contains no image (every HDU has NAXIS = 0 or is a table)");
    summary_.hduNumber = found;
    return naxis;
}

void FitsReader::readImageSize(int naxis, bool checkDataLength, long long fileBytes) {
    fitsfile* raw = asFits(handle());
    int status = 0;
    if (naxis > 9) throw SkyweaveError(ErrorKind::BadInput, summary_.path + ": NAXIS = " + std::to_string(naxis) + " is not a 2-D image");
    long long axes[9] = {};
    int bitpix = 0;
    if (fits_get_img_paramll(raw, 9, &bitpix, &naxis, axes, &status) != 0) fail(status, "cannot read the image size");
    if (naxis < 2)
        throw SkyweaveError(ErrorKind::BadInput, summary_.path + ": NAXIS = " + std::to_string(naxis) + " (a 2-D image is needed)");
    for (int i = 2; i < naxis; ++i)
        if (axes[i] != 1)
            throw SkyweaveError(ErrorKind::BadInput, summary_.path + ": NAXIS" + std::to_string(i + 1) + " = " +
                                                         std::to_string(axes[i]) + " (only 2-D images, or cubes with one plane, are stacked)");
    for (int i = 0; i < 2; ++i)
        if (axes[i] < 1 || axes[i] > kMaxAxisLength)
            throw SkyweaveError(ErrorKind::BadInput, summary_.path + ": NAXIS" + std::to_string(i + 1) + " = " +
                                                         std::to_string(axes[i]) + " is outside 1…" + std::to_string(kMaxAxisLength));
    if (axes[0] * axes[1] > kMaxPixels)
        throw SkyweaveError(ErrorKind::BadInput, summary_.path + ": " + std::to_string(axes[0]) + " × " + std::to_string(axes[1]) +
                                                     " pixels is more than Skyweave accepts per frame");
    if (checkDataLength) {
        // cfitsio reads the header only; a file cut inside its data would fail mid-stack.
        LONGLONG headStart = 0, dataStart = 0, dataEnd = 0;
        if (fits_get_hduaddrll(raw, &headStart, &dataStart, &dataEnd, &status) != 0)
            fail(status, "cannot locate the image data");
        long long needed = std::abs(bitpix) / 8;
        for (int i = 0; i < naxis; ++i) needed *= axes[i];
        if (fileBytes < dataStart + needed)
            throw SkyweaveError(ErrorKind::BadInput,
                                summary_.path + ": file is truncated: the " + std::to_string(axes[0]) + "×" +
                                    std::to_string(axes[1]) + " image needs " + std::to_string(needed) +
                                    " bytes of data, the file holds " +
                                    std::to_string(std::max(0LL, fileBytes - dataStart)));
    }
    naxis_ = naxis;
    isFloat_ = bitpix < 0;
    summary_.bitpix = bitpix;
    summary_.width = static_cast<int>(axes[0]);
    summary_.height = static_cast<int>(axes[1]);
}

void FitsReader::readSummaryKeywords() {
    fitsfile* raw = asFits(handle());
    if (auto date = readStringKey(raw, "DATE-OBS")) {
        summary_.dateObs = trimTrailingBlanks(*date);
        summary_.dateObsMjd = AstroTime::parseIsoToMjd(summary_.dateObs);
    }
    summary_.exposureSeconds = readDoubleKey(raw, "EXPTIME");
    if (!summary_.exposureSeconds) summary_.exposureSeconds = readDoubleKey(raw, "EXPOSURE");
    summary_.filter = trimTrailingBlanks(readStringKey(raw, "FILTER").value_or(""));
    if (summary_.filter.empty()) summary_.filter = trimTrailingBlanks(readStringKey(raw, "FILTNAME").value_or(""));
    summary_.object = trimTrailingBlanks(readStringKey(raw, "OBJECT").value_or(""));
    summary_.gain = readDoubleKey(raw, "GAIN");
    if (!summary_.gain) summary_.gain = readDoubleKey(raw, "EGAIN");
    summary_.hasCelestialWcs = readStringKey(raw, "CTYPE1").has_value() && readStringKey(raw, "CTYPE2").has_value();
}

void FitsReader::readHeaderCards() {
    fitsfile* raw = asFits(handle());
    int status = 0;
    char* rawCards = nullptr;
    int nkeys = 0;
    // For a compressed image, convert the table header into the image header it stands for.
    if (summary_.compressed)
        fits_convert_hdr2str(raw, 0, nullptr, 0, &rawCards, &nkeys, &status);
    else
        fits_hdr2str(raw, 0, nullptr, 0, &rawCards, &nkeys, &status);
    // Owned at once: cfitsio may hand back a partly built string together with an error.
    const FitsMemoryPtr cards(rawCards);
    if (status != 0) fail(status, "cannot read the header");
    summary_.headerCards.assign(cards.get(), static_cast<std::size_t>(nkeys) * 80);
    summary_.cardCount = nkeys;
}

FitsReader::~FitsReader() = default;

void FitsReader::checkTileDescriptors(TileCheck tiles) const {
    // cfitsio allocates a buffer of each tile's stated compressed size before reading it, so one
    // hostile descriptor asks for gigabytes; a tile must lie inside the table's heap (PCOUNT bytes).
    fitsfile* f = asFits(handle());
    int status = 0;
    long long rows = 0, heapBytes = 0;
    int column = 0;
    char name[] = "COMPRESSED_DATA";
    if (fits_read_key(f, TLONGLONG, "PCOUNT", &heapBytes, nullptr, &status) != 0 ||
        fits_read_key(f, TLONGLONG, "NAXIS2", &rows, nullptr, &status) != 0 ||
        fits_get_colnum(f, CASEINSEN, name, &column, &status) != 0)
        fail(status, "cannot read the tile table of the compressed image");
    const RiceLayout rice = tiles == TileCheck::Walk ? riceLayout(f) : RiceLayout{};
    std::vector<unsigned char> tile;
    for (long long row = 1; row <= rows; ++row) {
        long long length = 0, offset = 0;
        if (fits_read_descriptll(f, column, row, &length, &offset, &status) != 0)
            fail(status, "cannot read the descriptor of tile " + std::to_string(row));
        if (length < 0 || offset < 0 || length > heapBytes || offset > heapBytes - length)
            throw SkyweaveError(ErrorKind::BadInput, summary_.path + ": tile " + std::to_string(row) + " claims " +
                                                         std::to_string(length) + " bytes at heap offset " + std::to_string(offset) +
                                                         ", outside the " + std::to_string(heapBytes) + "-byte heap");
        // cfitsio's Rice decoder can run far past a corrupt tile (a crash): walk each tile first.
        // An empty tile is stored elsewhere (uncompressed or gzip column) and is not Rice data.
        if (!rice.used || length == 0) continue;
        tile.resize(static_cast<std::size_t>(length));
        int anyNull = 0;
        if (fits_read_col(f, TBYTE, column, row, 1, length, nullptr, tile.data(), &anyNull, &status) != 0)
            fail(status, "cannot read tile " + std::to_string(row));
        if (const std::string why =
                checkRiceStream(tile.data(), tile.size(), rice.tilePixels(row), rice.blockSize, rice.bytePix);
            !why.empty())
            throw SkyweaveError(ErrorKind::BadInput, summary_.path + ": tile " + std::to_string(row) + " is corrupt (" + why + ")");
    }
}

void FitsReader::fail(int status, const std::string& what) const {
    throw SkyweaveError(ErrorKind::BadInput, summary_.path + ": " + what + " (" + fitsErrorText(status) + ")");
}

void FitsReader::readRows(int firstRow, int rowCount, float* out) const {
    if (rowCount <= 0) return;
    if (firstRow < 0 || firstRow + rowCount > summary_.height)
        throw SkyweaveError(ErrorKind::Internal, summary_.path + ": rows " + std::to_string(firstRow) + "+" +
                                                     std::to_string(rowCount) + " outside the image");
    long long first[9] = {1, firstRow + 1LL, 1, 1, 1, 1, 1, 1, 1};
    float nullValue = std::numeric_limits<float>::quiet_NaN();
    int anyNull = 0;
    int status = 0;
    const auto count = static_cast<long long>(summary_.width) * rowCount;
    std::lock_guard lock(mutex_);
    // With a NaN null value cfitsio maps BLANK (integers) and NaN (floats) to NaN and applies BZERO/BSCALE.
    if (fits_read_pixll(asFits(handle()), TFLOAT, first, count, &nullValue, out, &anyNull, &status) != 0)
        throw SkyweaveError(ErrorKind::Io, summary_.path + ": cannot read rows " + std::to_string(firstRow) + "–" +
                                               std::to_string(firstRow + rowCount - 1) + " (" + fitsErrorText(status) + ")");
    // ±Inf is never a measurement and would poison every mean: it is missing data, like NaN.
    if (isFloat_)
        for (long long i = 0; i < count; ++i)
            if (std::isinf(out[i])) out[i] = std::numeric_limits<float>::quiet_NaN();
}

std::vector<float> FitsReader::readImage() const {
    std::vector<float> pixels(static_cast<std::size_t>(summary_.width) * summary_.height);
    readRows(0, summary_.height, pixels.data());
    return pixels;
}

std::optional<std::string> FitsReader::keyword(const std::string& name) const {
    std::lock_guard lock(mutex_);
    auto value = readStringKey(asFits(handle()), name.c_str());
    if (value) *value = trimTrailingBlanks(*value);
    return value;
}

FitsHeaderSummary FitsReader::readSummary(const std::filesystem::path& path) { return FitsReader(path).summary(); }

}  // namespace skyweave::fits
