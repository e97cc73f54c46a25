#include "fits/FitsPrecheck.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <string_view>

#include "common/Errors.h"
#include "common/InputFile.h"
#include "fits/FitsReader.h"

namespace skyweave::fits {
namespace {

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

/// The value of a "KEYWORD = value / comment" card as written: a quoted string or the text up to
/// the comment, blanks trimmed.
std::string cardValue(std::string_view card) {
    std::string_view value = card.substr(10);
    const auto first = value.find_first_not_of(' ');
    if (first == std::string_view::npos) return {};
    value.remove_prefix(first);
    const auto end = value.front() == '\'' ? value.find('\'', 1) : value.find('/');
    if (end != std::string_view::npos) value = value.substr(0, value.front() == '\'' ? end + 1 : end);
    return trimTrailingBlanks(std::string(value));
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

}  // namespace

std::string trimTrailingBlanks(std::string s) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

/**
 * Refuses, naming the cause, what cfitsio would report vaguely or hang on: a dangling link, a
 * FIFO (opening one blocks until a writer appears), no read permission, an empty file, another
 * format under a .fits name. Accepts plain FITS and the compressed forms cfitsio unpacks itself.
 */
FitsContainer checkFitsFile(const std::filesystem::path& path, const std::string& name) {
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
    if (starts("SIMPLE  =")) return FitsContainer::PlainFits;
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
        return FitsContainer::Compressed;
    }
    throw SkyweaveError(ErrorKind::BadInput, name + ": " + describeForeignBytes(head.data(), n));
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
        const auto key = trimTrailingBlanks(std::string(card.substr(0, 8)));
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

}  // namespace skyweave::fits
