#include "fits/FitsReader.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>

#include <fitsio.h>

#include "common/Errors.h"
#include "track/AstroTime.h"

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

std::string trimmed(std::string s) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

/// The value of a "KEYWORD = value / comment" card as written: a quoted string or the text up to
/// the comment, blanks trimmed.
std::string cardValue(std::string_view card) {
    std::string_view value = card.substr(10);
    const auto first = value.find_first_not_of(' ');
    if (first == std::string_view::npos) return {};
    value.remove_prefix(first);
    const auto end = value.front() == '\'' ? value.find('\'', 1) : value.find('/');
    if (end != std::string_view::npos) value = value.substr(0, value.front() == '\'' ? end + 1 : end);
    return trimmed(std::string(value));
}

/// The whole value field as an integer, or nullopt when it holds anything else (a string, a float).
std::optional<long long> integerValue(const std::string& value) {
    char* end = nullptr;
    const long long n = std::strtoll(value.c_str(), &end, 10);
    if (value.empty() || end != value.c_str() + value.size()) return std::nullopt;
    return n;
}

/**
 * Checks the extension header starting at byte `offset` for values cfitsio trusts when it moves
 * to the HDU, before it parses them. cfitsio allocates per-column state for TFIELDS columns
 * (TFIELDS = 10^8 costs gigabytes before any error; the standard allows 0…999), and divides by
 * the tile sizes of a compressed image (ZTILEn = 0, or a string, is a division by zero that kills
 * the process). Returns the cause, or an empty string when the header is acceptable (or
 * unreadable: cfitsio then reports that itself).
 */
std::string badExtensionHeader(const std::string& path, long long offset) {
    constexpr std::size_t kCard = 80;
    constexpr int kMaxCards = 36 * 1000;  // headers longer than 1000 blocks are left to cfitsio
    std::ifstream in(path, std::ios::binary);
    if (!in.seekg(offset)) return {};
    const std::string where = "HDU at byte " + std::to_string(offset) + " has ";
    char buffer[kCard];
    for (int i = 0; i < kMaxCards && in.read(buffer, kCard); ++i) {
        const std::string_view card(buffer, kCard);
        const auto key = trimmed(std::string(card.substr(0, 8)));
        if (key == "END") return {};
        if (card.substr(8, 2) != "= ") continue;
        const bool tileSize = key.size() == 6 && key.starts_with("ZTILE") && key[5] >= '1' && key[5] <= '9';
        if (key != "TFIELDS" && !tileSize) continue;
        const auto value = cardValue(card);
        const auto n = integerValue(value);
        if (key == "TFIELDS" && (!n || *n < 0 || *n > 999))
            return where + "TFIELDS = " + value + " (a table has 0…999 columns)";
        if (tileSize && (!n || *n < 1 || *n > std::numeric_limits<int>::max()))
            return where + key + " = " + value + " (a tile size is a positive whole number)";
    }
    return {};
}

}  // namespace

FitsReader::FitsReader(const std::filesystem::path& path) {
    summary_.path = path.string();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw SkyweaveError(ErrorKind::BadInput, summary_.path + ": file does not exist");
    if (std::filesystem::is_directory(path, ec))
        throw SkyweaveError(ErrorKind::BadInput, summary_.path + ": is a folder, not a FITS file");

    fitsfile* raw = nullptr;
    int status = 0;
    // fits_open_diskfile: the name is taken literally (no cfitsio "[ext]" filter syntax).
    if (fits_open_diskfile(&raw, summary_.path.c_str(), READONLY, &status) != 0) {
        if (raw) file_.reset(raw);
        throw SkyweaveError(ErrorKind::BadInput, summary_.path + ": not a readable FITS file (" + fitsErrorText(status) + ")");
    }
    file_.reset(raw);

    // HDUs are visited one by one up to the first image (usually the primary): extensions after it
    // are never parsed, and each extension header is checked before cfitsio parses it.
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
    summary_.compressed = fits_is_compressed_image(raw, &status) != 0;
    if (summary_.compressed) checkTileDescriptors();

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
    naxis_ = naxis;
    summary_.bitpix = bitpix;
    summary_.width = static_cast<int>(axes[0]);
    summary_.height = static_cast<int>(axes[1]);

    if (auto date = readStringKey(raw, "DATE-OBS")) {
        summary_.dateObs = trimmed(*date);
        summary_.dateObsMjd = track::AstroTime::parseIsoToMjd(summary_.dateObs);
    }
    summary_.exposureSeconds = readDoubleKey(raw, "EXPTIME");
    if (!summary_.exposureSeconds) summary_.exposureSeconds = readDoubleKey(raw, "EXPOSURE");
    summary_.filter = trimmed(readStringKey(raw, "FILTER").value_or(""));
    summary_.object = trimmed(readStringKey(raw, "OBJECT").value_or(""));
    summary_.gain = readDoubleKey(raw, "GAIN");
    if (!summary_.gain) summary_.gain = readDoubleKey(raw, "EGAIN");
    summary_.hasCelestialWcs = readStringKey(raw, "CTYPE1").has_value() && readStringKey(raw, "CTYPE2").has_value();

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

void FitsReader::checkTileDescriptors() const {
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
    for (long long row = 1; row <= rows; ++row) {
        long long length = 0, offset = 0;
        if (fits_read_descriptll(f, column, row, &length, &offset, &status) != 0)
            fail(status, "cannot read the descriptor of tile " + std::to_string(row));
        if (length < 0 || offset < 0 || length > heapBytes || offset > heapBytes - length)
            throw SkyweaveError(ErrorKind::BadInput, summary_.path + ": tile " + std::to_string(row) + " claims " +
                                                         std::to_string(length) + " bytes at heap offset " + std::to_string(offset) +
                                                         ", outside the " + std::to_string(heapBytes) + "-byte heap");
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
}

std::vector<float> FitsReader::readImage() const {
    std::vector<float> pixels(static_cast<std::size_t>(summary_.width) * summary_.height);
    readRows(0, summary_.height, pixels.data());
    return pixels;
}

std::optional<std::string> FitsReader::keyword(const std::string& name) const {
    std::lock_guard lock(mutex_);
    auto value = readStringKey(asFits(handle()), name.c_str());
    if (value) *value = trimmed(*value);
    return value;
}

FitsHeaderSummary FitsReader::readSummary(const std::filesystem::path& path) { return FitsReader(path).summary(); }

}  // namespace skyweave::fits
