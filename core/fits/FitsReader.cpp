#include "fits/FitsReader.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <string_view>
#include <system_error>
#include <vector>

#include <fitsio.h>

#include "common/Errors.h"
#include "common/InputFile.h"
#include "fits/RiceStream.h"
#include "common/AstroTime.h"

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

constexpr long long kFitsBlockBytes = 2880;

/// What the first bytes of a file say about it, checked before cfitsio sees the file.
enum class Container { PlainFits, Compressed };

/// Names what a non-FITS file looks like, so that "photo.fits" that is really a PNG says so.
std::string describeForeignBytes(const unsigned char* b, std::size_t n) {
    auto starts = [&](std::initializer_list<unsigned char> magic) {
        return n >= magic.size() && std::equal(magic.begin(), magic.end(), b);
    };
    if (starts({0x89, 'P', 'N', 'G'})) return "a PNG image, not a FITS file";
    if (starts({0xFF, 0xD8, 0xFF})) return "a JPEG image, not a FITS file";
    if (starts({'I', 'I', 42, 0}) || starts({'M', 'M', 0, 42})) return "a TIFF image, not a FITS file";
    const bool text = std::all_of(b, b + n, [](unsigned char c) {
        return c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c < 0x7F) || c >= 0x80;
    });
    if (text) return "text, not a FITS file (a FITS file starts with SIMPLE  = T)";
    return "not a FITS file (it does not start with SIMPLE  = T)";
}

/**
 * Refuses, naming the cause, what cfitsio would report vaguely or hang on: a dangling link, a
 * FIFO (opening one blocks until a writer appears), no read permission, an empty file, another
 * format under a .fits name. Accepts plain FITS and the compressed forms cfitsio unpacks itself.
 */
Container checkFitsFile(const std::filesystem::path& path, const std::string& name) {
    requireRegularFile(path, "a FITS file");
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        throw SkyweaveError(
            ErrorKind::Io,
            name + ": cannot open for reading (" +
                (err == EACCES ? std::string("permission denied") : std::string(std::strerror(err))) + ")");
    }
    std::array<unsigned char, 80> head{};
    const ssize_t got = ::read(fd, head.data(), head.size());
    // gzip keeps the expanded size (mod 2^32) in its last four bytes; cfitsio allocates that much.
    std::array<unsigned char, 4> tail{};
    const off_t end = ::lseek(fd, 0, SEEK_END);
    const bool haveTail = end >= 4 && ::pread(fd, tail.data(), tail.size(), end - 4) == 4;
    ::close(fd);
    if (got < 0)
        throw SkyweaveError(ErrorKind::Io, name + ": read error (" + std::string(std::strerror(errno)) + ")");
    const auto n = static_cast<std::size_t>(got);
    if (n == 0) throw SkyweaveError(ErrorKind::BadInput, name + ": empty file (0 bytes), not a FITS image");
    auto starts = [&](std::string_view magic) {
        return n >= magic.size() && std::memcmp(head.data(), magic.data(), magic.size()) == 0;
    };
    if (starts("SIMPLE  =")) return Container::PlainFits;
    // gzip, Unix compress, pack, LHA, PKZIP: cfitsio decompresses these on open.
    const bool gzip = starts("\x1f\x8b");
    const bool zip = starts("PK\x03\x04");
    if (gzip || zip || starts("\x1f\x9d") || starts("\x1f\x1e") || starts("\x1f\xa0")) {
        // cfitsio unpacks the whole file into memory at open, sized by what the container claims
        // (gzip: its trailer; zip: the local header's size field) — a claim of 4 GB is a 4 GB malloc
        // before a byte is read. Refuse claims beyond kMaxExpandedBytes up front.
        const auto le32 = [](const unsigned char* b) {
            return std::uint64_t{b[0]} | std::uint64_t{b[1]} << 8 | std::uint64_t{b[2]} << 16 |
                   std::uint64_t{b[3]} << 24;
        };
        std::uint64_t claimed = 0;
        if (gzip && haveTail) claimed = le32(tail.data());
        if (zip && n >= 26) claimed = le32(head.data() + 22);
        // A claim of 0 (a zip written as a stream, a broken gzip trailer) makes cfitsio allocate 4 GiB.
        if ((gzip || zip) && claimed == 0)
            throw SkyweaveError(ErrorKind::BadInput, name + ": compressed file does not say how large it is unpacked (" +
                                                         (gzip ? "gzip trailer" : "zip header") +
                                                         " size is 0); unpack it first");
        if (claimed > static_cast<std::uint64_t>(FitsReader::kMaxExpandedBytes))
            throw SkyweaveError(ErrorKind::BadInput,
                                name + ": compressed file claims to expand to " + std::to_string(claimed >> 20) +
                                    " MB, which would be unpacked into memory at once (limit " +
                                    std::to_string(FitsReader::kMaxExpandedBytes >> 20) +
                                    " MB); unpack it first, or use tile compression (fpack, .fz)");
        return Container::Compressed;
    }
    throw SkyweaveError(ErrorKind::BadInput, name + ": " + describeForeignBytes(head.data(), n));
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

/// The value of `key` in the first header block of a plain FITS file, as written ("?" when absent).
std::string firstCardValue(const std::filesystem::path& path, const std::string& key) {
    std::ifstream in(path, std::ios::binary);
    std::string block(static_cast<std::size_t>(kFitsBlockBytes), ' ');
    in.read(block.data(), kFitsBlockBytes);
    std::string name = key;
    name.resize(8, ' ');
    for (std::size_t at = 0; at + 80 <= static_cast<std::size_t>(in.gcount()); at += 80) {
        const std::string_view card(block.data() + at, 80);
        if (card.substr(0, 8) == name && card[8] == '=') return cardValue(card);
    }
    return "?";
}

/// The whole value field as an integer, or nullopt when it holds anything else (a string, a float).
std::optional<long long> integerValue(const std::string& value) {
    char* end = nullptr;
    const long long n = std::strtoll(value.c_str(), &end, 10);
    if (value.empty() || end != value.c_str() + value.size()) return std::nullopt;
    return n;
}

/// Keywords the standard (and the tiled-image convention) defines as numbers, which cfitsio parses
/// itself while opening a file or moving to an HDU.
bool numericKeyword(const std::string& key) {
    static const char* const kExact[] = {"BITPIX", "PCOUNT", "GCOUNT", "TFIELDS", "THEAP", "BLANK", "BZERO",
                                         "BSCALE", "ZBITPIX", "ZBLANK", "ZPCOUNT", "ZGCOUNT", "ZDITHER0"};
    for (const char* k : kExact)
        if (key == k) return true;
    static const char* const kIndexed[] = {"NAXIS", "ZNAXIS", "ZTILE", "ZVAL", "TBCOL"};
    for (const std::string_view prefix : kIndexed) {
        if (!key.starts_with(prefix)) continue;
        const std::string_view rest = std::string_view(key).substr(prefix.size());
        if (std::all_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; })) return true;
    }
    return false;
}

/// A FITS integer or real ("16", "-32", "1.5E3", "2.0D-1").
bool numericValue(const std::string& value) {
    std::size_t i = 0;
    const auto digits = [&] {
        const std::size_t from = i;
        while (i < value.size() && value[i] >= '0' && value[i] <= '9') ++i;
        return i > from;
    };
    if (i < value.size() && (value[i] == '+' || value[i] == '-')) ++i;
    bool any = digits();
    if (i < value.size() && value[i] == '.') {
        ++i;
        any = digits() || any;
    }
    if (!any) return false;
    if (i < value.size() && (value[i] == 'E' || value[i] == 'e' || value[i] == 'D' || value[i] == 'd')) {
        ++i;
        if (i < value.size() && (value[i] == '+' || value[i] == '-')) ++i;
        if (!digits()) return false;
    }
    return i == value.size();
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
        // The standard allows printable ASCII only; cfitsio copies some fields into fixed buffers
        // with unchecked string calls, which other bytes can run past.
        if (const auto bad = std::find_if(card.begin(), card.end(), [](char ch) { return ch < 0x20 || ch > 0x7e; });
            bad != card.end()) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(*bad));
            return where + "card " + std::to_string(i + 1) + " with byte " + hex +
                   " (a FITS header holds printable ASCII only)";
        }
        const auto key = trimmed(std::string(card.substr(0, 8)));
        if (key == "END") return {};
        if (card.substr(8, 2) != "= ") continue;
        const bool tileSize = key.size() == 6 && key.starts_with("ZTILE") && key[5] >= '1' && key[5] <= '9';
        const auto value = cardValue(card);
        // cfitsio's message for a non-numeric value of a keyword it reads as a number overruns its
        // 80-character buffer when the value is long (a fortified build aborts): the structural
        // keywords it parses on its own must hold numbers.
        if (key != "TFIELDS" && !tileSize) {
            if (numericKeyword(key) && !numericValue(value))
                return where + key + " = " + value.substr(0, 24) + " (a number is required)";
            continue;
        }
        const auto n = integerValue(value);
        if (key == "TFIELDS" && (!n || *n < 0 || *n > 999))
            return where + "TFIELDS = " + value + " (a table has 0…999 columns)";
        if (tileSize && (!n || *n < 1 || *n > std::numeric_limits<int>::max()))
            return where + key + " = " + value + " (a tile size is a positive whole number)";
    }
    return {};
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
    if (fits_read_key(f, TSTRING, "ZCMPTYPE", type, nullptr, &status) != 0 || trimmed(type) != "RICE_1")
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
        if (trimmed(name) == "BLOCKSIZE") layout.blockSize = value;
        if (trimmed(name) == "BYTEPIX") layout.bytePix = value;
    }
    layout.used = true;
    return layout;
}

}  // namespace

FitsReader::FitsReader(const std::filesystem::path& path, TileCheck tiles) {
    summary_.path = path.string();
    const Container container = checkFitsFile(path, summary_.path);
    std::error_code ec;
    const auto fileBytes = static_cast<long long>(std::filesystem::file_size(path, ec));
    if (container == Container::PlainFits)
        if (const auto cause = badExtensionHeader(summary_.path, 0); !cause.empty())
            throw SkyweaveError(ErrorKind::BadInput, summary_.path + ": primary " + cause);

    fitsfile* raw = nullptr;
    int status = 0;
    // fits_open_diskfile: the name is taken literally (no cfitsio "[ext]" filter syntax).
    if (fits_open_diskfile(&raw, summary_.path.c_str(), READONLY, &status) != 0) {
        if (raw) file_.reset(raw);
        const std::string why = fitsErrorText(status);
        if (container == Container::PlainFits && status == BAD_BITPIX)
            throw SkyweaveError(ErrorKind::BadInput,
                                summary_.path + ": BITPIX = " + firstCardValue(path, "BITPIX") +
                                    " is not a FITS pixel type (8, 16, 32, 64, -32 or -64)");
        if (container == Container::PlainFits && fileBytes % kFitsBlockBytes != 0)
            throw SkyweaveError(ErrorKind::BadInput,
                                summary_.path + ": file is truncated (" + std::to_string(fileBytes) +
                                    " bytes, not whole 2880-byte FITS blocks; " + why + ")");
        throw SkyweaveError(ErrorKind::BadInput, summary_.path + ": not a readable FITS file (" + why + ")");
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
    if (summary_.compressed) checkTileDescriptors(tiles);

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
    if (container == Container::PlainFits && !summary_.compressed) {
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

    if (auto date = readStringKey(raw, "DATE-OBS")) {
        summary_.dateObs = trimmed(*date);
        summary_.dateObsMjd = AstroTime::parseIsoToMjd(summary_.dateObs);
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
    if (value) *value = trimmed(*value);
    return value;
}

FitsHeaderSummary FitsReader::readSummary(const std::filesystem::path& path) { return FitsReader(path).summary(); }

}  // namespace skyweave::fits
