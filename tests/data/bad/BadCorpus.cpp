#include "BadCorpus.h"

#include <sys/stat.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "PngChunk.h"

namespace skyweave::test {
namespace fs = std::filesystem;
namespace {

using Bytes = std::string;

constexpr int kFitsBlock = 2880;
constexpr int kFrameWidth = 32, kFrameHeight = 24;
constexpr int kLoopWidth = 64, kLoopHeight = 48;

// ---- FITS written byte by byte, so that any header (BITPIX 12, no END, …) can be made -------------

std::string card(const std::string& key, const std::string& value) {
    std::string c = key;
    c.resize(8, ' ');
    c += "= " + value;
    c.resize(80, ' ');
    return c;
}
std::string quoted(const std::string& s) {
    return "'" + s + "'";
}
std::string num(double v) {
    std::ostringstream o;
    o.precision(12);
    o << v;
    std::string s = o.str();
    if (s.find_first_of(".eE") == std::string::npos) s += ".0";
    return s;
}

/// Header cards of a good frame; `drop` removes keys, `set` replaces or adds values.
struct Header {
    std::vector<std::pair<std::string, std::string>> cards;

    void set(const std::string& key, const std::string& value) {
        for (auto& c : cards)
            if (c.first == key) {
                c.second = value;
                return;
            }
        cards.emplace_back(key, value);
    }
    /// Adds a card right after `after` (NAXISn must follow NAXIS in order).
    void insertAfter(const std::string& after, const std::string& key, const std::string& value) {
        for (auto it = cards.begin(); it != cards.end(); ++it)
            if (it->first == after) {
                cards.insert(it + 1, {key, value});
                return;
            }
    }
    void drop(const std::string& key) {
        std::erase_if(cards, [&](const auto& c) { return c.first == key; });
    }
    [[nodiscard]] Bytes bytes(bool withEnd = true) const {
        Bytes out;
        for (const auto& [k, v] : cards) out += card(k, v);
        if (withEnd) {
            std::string end = "END";
            end.resize(80, ' ');
            out += end;
        }
        out.resize((out.size() + kFitsBlock - 1) / kFitsBlock * kFitsBlock, ' ');
        return out;
    }
};

Header frameHeader(int width, int height, const std::string& dateObs) {
    Header h;
    h.cards = {{"SIMPLE", "T"},
               {"BITPIX", "-32"},
               {"NAXIS", "2"},
               {"NAXIS1", std::to_string(width)},
               {"NAXIS2", std::to_string(height)},
               {"DATE-OBS", quoted(dateObs)},
               {"EXPTIME", "30.0"},
               {"OBJECT", quoted("2025 SW1")},
               {"CTYPE1", quoted("RA---TAN")},
               {"CTYPE2", quoted("DEC--TAN")},
               {"CRPIX1", num(width / 2.0 + 0.5)},
               {"CRPIX2", num(height / 2.0 + 0.5)},
               {"CRVAL1", "150.0"},
               {"CRVAL2", "20.0"},
               {"CD1_1", num(-1.0 / 3600.0)},
               {"CD1_2", "0.0"},
               {"CD2_1", "0.0"},
               {"CD2_2", num(1.0 / 3600.0)},
               {"RADESYS", quoted("ICRS")},
               {"EQUINOX", "2000.0"}};
    return h;
}

/// Big-endian float32 pixels, padded to whole FITS blocks.
Bytes floatData(std::size_t count, const std::function<float(std::size_t)>& value) {
    Bytes out(count * 4, '\0');
    for (std::size_t i = 0; i < count; ++i) {
        const float v = value(i);
        std::uint32_t u = 0;
        std::memcpy(&u, &v, 4);
        for (int b = 0; b < 4; ++b) out[i * 4 + b] = static_cast<char>((u >> (24 - 8 * b)) & 0xFF);
    }
    out.resize((out.size() + kFitsBlock - 1) / kFitsBlock * kFitsBlock, '\0');
    return out;
}

Bytes goodFrame(float level, const std::string& dateObs, int width = kFrameWidth, int height = kFrameHeight) {
    const auto w = static_cast<std::size_t>(width);
    return frameHeader(width, height, dateObs).bytes() + floatData(w * height, [&](std::size_t i) {
               return level + static_cast<float>((i % w + i / w) % 7);
           });
}
Bytes goodA() {
    return goodFrame(100.0f, "2025-01-15T03:20:00.000");
}
Bytes goodB() {
    return goodFrame(104.0f, "2025-01-15T03:21:00.000");
}

Bytes frameWith(const std::function<void(Header&)>& edit, std::size_t pixels = kFrameWidth * kFrameHeight) {
    Header h = frameHeader(kFrameWidth, kFrameHeight, "2025-01-15T03:22:00.000");
    edit(h);
    return h.bytes() + floatData(pixels, [](std::size_t i) { return 90.0f + static_cast<float>(i % 5); });
}

// ---- PNG / TIFF / JPEG ----------------------------------------------------------------------------

/// A PNG whose IHDR (valid CRC) claims width × height 8-bit grey pixels; no image data follows.
Bytes pngBomb(std::uint32_t width, std::uint32_t height) {
    Bytes out("\x89PNG\r\n\x1a\n", 8);
    Bytes ihdr;
    appendBe32(ihdr, width);
    appendBe32(ihdr, height);
    ihdr += std::string("\x08\x00\x00\x00\x00", 5);  // 8 bits, grey, deflate, adaptive filter, no interlace
    appendPngChunk(out, "IHDR", ihdr);
    appendPngChunk(out, "IEND", {});
    return out;
}

/// A little-endian baseline TIFF whose only IFD claims width × height 8-bit grey pixels.
Bytes tiffBomb(std::uint32_t width, std::uint32_t height) {
    Bytes out("II*\0\x08\0\0\0", 8);
    auto le = [&out](std::uint64_t v, int n) {
        for (int i = 0; i < n; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
    };
    const std::array<std::array<std::uint32_t, 3>, 8> entries{{{256, 4, width},   // ImageWidth LONG
                                                               {257, 4, height},  // ImageLength LONG
                                                               {258, 3, 8},       // BitsPerSample
                                                               {259, 3, 1},       // no compression
                                                               {262, 3, 1},       // BlackIsZero
                                                               {273, 4, 200},     // StripOffsets
                                                               {278, 4, height},  // RowsPerStrip
                                                               {279, 4, 16}}};    // StripByteCounts
    le(entries.size(), 2);
    for (const auto& e : entries) {
        le(e[0], 2);
        le(e[1], 2);
        le(1, 4);
        le(e[2], 4);  // SHORT values sit left-justified in the 4-byte field (little-endian: same bytes)
    }
    le(0, 4);  // no next IFD
    out.resize(216, '\0');
    return out;
}

cv::Mat loopFrame(int seed, int width = kLoopWidth, int height = kLoopHeight) {
    cv::Mat m(height, width, CV_8UC1);
    cv::RNG rng(static_cast<std::uint64_t>(seed) + 1);
    rng.fill(m, cv::RNG::UNIFORM, 0, 256);  // noise does not compress: truncation cuts real image data
    return m;
}

Bytes encoded(const std::string& ext, const cv::Mat& m) {
    std::vector<unsigned char> buf;
    if (!cv::imencode(ext, m, buf)) throw std::runtime_error("cannot encode a " + ext + " test image");
    return Bytes(buf.begin(), buf.end());
}

/// A JPEG whose frame header (SOF0) is rewritten to claim 65535 × 65535 pixels.
Bytes jpegBomb() {
    Bytes b = encoded(".jpg", loopFrame(7));
    const auto sof = b.find("\xFF\xC0", 2);
    if (sof == Bytes::npos) throw std::runtime_error("no SOF0 in the encoded JPEG");
    for (std::size_t k = sof + 5; k < sof + 9; ++k) b[k] = '\xFF';  // height, width = 0xFFFF
    return b;
}

Bytes cut(const Bytes& b, double fraction) {
    return b.substr(0, static_cast<std::size_t>(b.size() * fraction));
}

// ---- ephemerides ----------------------------------------------------------------------------------

Bytes ephemeris(const std::string& day, int garbageLine) {
    std::string text = "time,ra_deg,dec_deg\n";
    int line = 2;
    for (int minute = 10; minute <= 30; ++minute, ++line) {
        if (line == garbageLine) {
            text += "2025-01-15T03:1?:00,one hundred fifty,twenty\n";
            ++line;
        }
        char row[96];
        std::snprintf(row, sizeof row, "%sT03:%02d:00.000,%.6f,%.6f\n", day.c_str(), minute,
                      150.0 + 0.0001 * minute, 20.0 + 0.00005 * minute);
        text += row;
    }
    return text;
}

// ---- every file the manifest may name ----------------------------------------------------------------

using Writer = std::function<void(const fs::path&)>;

void writeBytes(const fs::path& p, const Bytes& b) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(b.data(), static_cast<std::streamsize>(b.size()));
    if (!out) throw std::runtime_error("cannot write " + p.string());
}
Writer bytes(std::function<Bytes()> make) {
    return [make = std::move(make)](const fs::path& p) { writeBytes(p, make()); };
}

const std::map<std::string, Writer>& writers() {
    static const std::map<std::string, Writer> kWriters{
        {"good_a.fits", bytes(goodA)},
        {"good_b.fits", bytes(goodB)},
        {"copy_of_a.fits", bytes(goodA)},
        {"truncated_header.fits", bytes([] { return goodA().substr(0, 1000); })},
        {"truncated_data.fits", bytes([] { return goodA().substr(0, kFitsBlock + 1500); })},
        {"bitpix_12.fits", bytes([] { return frameWith([](Header& h) { h.set("BITPIX", "12"); }); })},
        {"bitpix_0.fits", bytes([] { return frameWith([](Header& h) { h.set("BITPIX", "0"); }); })},
        {"naxis_0.fits", bytes([] {
             Header h;
             h.cards = {{"SIMPLE", "T"}, {"BITPIX", "-32"}, {"NAXIS", "0"}};
             return h.bytes();
         })},
        {"naxis_1.fits", bytes([] {
             Header h;
             h.cards = {{"SIMPLE", "T"}, {"BITPIX", "-32"}, {"NAXIS", "1"}, {"NAXIS1", "32"}};
             return h.bytes() + floatData(32, [](std::size_t i) { return static_cast<float>(i); });
         })},
        {"naxis3_one_plane.fits", bytes([] {
             return frameWith([](Header& h) {
                 h.set("NAXIS", "3");
                 h.insertAfter("NAXIS2", "NAXIS3", "1");
                 for (const char* k : {"CTYPE1", "CTYPE2", "CRPIX1", "CRPIX2", "CRVAL1", "CRVAL2", "CD1_1",
                                       "CD1_2", "CD2_1", "CD2_2"})
                     h.drop(k);
             });
         })},
        {"naxis3_three_planes.fits", bytes([] {
             return frameWith(
                 [](Header& h) {
                     h.set("NAXIS", "3");
                     h.insertAfter("NAXIS2", "NAXIS3", "3");
                 },
                 3 * kFrameWidth * kFrameHeight);
         })},
        // Only the header: a reader that believed it would allocate 4 TB.
        {"huge_1e6x1e6.fits", bytes([] {
             Header h = frameHeader(1000000, 1000000, "2025-01-15T03:22:00.000");
             return h.bytes();
         })},
        {"png_bytes.fits", bytes([] { return encoded(".png", loopFrame(1)); })},
        {"text.fits",
         bytes([] { return Bytes("These are observing notes, not a FITS image.\nseeing 2.1\"\n"); })},
        {"zero_bytes.fits", bytes([] { return Bytes(); })},
        {"folder.fits", [](const fs::path& p) { fs::create_directories(p); }},
        {"dangling_link.fits", [](const fs::path& p) { fs::create_symlink("missing_target.fits", p); }},
        {"fifo.fits",
         [](const fs::path& p) {
             if (::mkfifo(p.c_str(), 0600) != 0)
                 throw std::runtime_error("cannot make the FIFO " + p.string());
         }},
        {"all_nan.fits", bytes([] {
             return frameHeader(kFrameWidth, kFrameHeight, "2025-01-15T03:22:00.000").bytes() +
                    floatData(kFrameWidth * kFrameHeight,
                              [](std::size_t) { return std::numeric_limits<float>::quiet_NaN(); });
         })},
        {"all_inf.fits", bytes([] {
             return frameHeader(kFrameWidth, kFrameHeight, "2025-01-15T03:22:00.000").bytes() +
                    floatData(kFrameWidth * kFrameHeight, [](std::size_t i) {
                        return (i % 2 ? -1.0f : 1.0f) * std::numeric_limits<float>::infinity();
                    });
         })},
        {"small_16x8.fits", bytes([] { return goodFrame(100.0f, "2025-01-15T03:22:00.000", 16, 8); })},
        {"wcs_ctype_garbage.fits", bytes([] {
             return frameWith([](Header& h) {
                 h.set("CTYPE1", quoted("GARBAGE!"));
                 h.set("CTYPE2", quoted("@@##$$%%"));
             });
         })},
        {"wcs_singular_cd.fits", bytes([] {
             return frameWith([](Header& h) {
                 for (const char* k : {"CD1_1", "CD1_2", "CD2_1", "CD2_2"}) h.set(k, num(1.0 / 3600.0));
             });
         })},
        {"wcs_missing_crpix.fits", bytes([] {
             return frameWith([](Header& h) {
                 h.drop("CRPIX1");
                 h.drop("CRPIX2");
             });
         })},
        {"ephemeris_ok.csv", bytes([] { return ephemeris("2025-01-15", 0); })},
        {"ephemeris_garbage.csv", bytes([] { return ephemeris("2025-01-15", 5); })},
        {"ephemeris_outside.csv", bytes([] { return ephemeris("2025-01-14", 0); })},
        {"loop_a.png", bytes([] { return encoded(".png", loopFrame(1)); })},
        {"loop_b.png", bytes([] { return encoded(".png", loopFrame(2)); })},
        {"loop_copy.png", bytes([] { return encoded(".png", loopFrame(1)); })},
        {"loop_small.png", bytes([] { return encoded(".png", loopFrame(3, 32, 24)); })},
        {"loop_a.jpg", bytes([] { return encoded(".jpg", loopFrame(1)); })},
        {"one_pixel_a.png", bytes([] { return encoded(".png", cv::Mat(1, 1, CV_8UC1, cv::Scalar(40))); })},
        {"one_pixel_b.png", bytes([] { return encoded(".png", cv::Mat(1, 1, CV_8UC1, cv::Scalar(200))); })},
        {"bomb_100000x100000.png", bytes([] { return pngBomb(100000, 100000); })},
        {"bomb_100000x100000.tif", bytes([] { return tiffBomb(100000, 100000); })},
        {"bomb_65535x65535.jpg", bytes(jpegBomb)},
        {"zero_bytes.png", bytes([] { return Bytes(); })},
        {"zero_bytes.jpg", bytes([] { return Bytes(); })},
        {"zero_bytes.tif", bytes([] { return Bytes(); })},
        {"text.png", bytes([] { return Bytes("<html><body>404 Not Found</body></html>\n"); })},
        {"truncated.png", bytes([] { return cut(encoded(".png", loopFrame(4)), 0.6); })},
        {"truncated.jpg", bytes([] { return cut(encoded(".jpg", loopFrame(5)), 0.6); })},
        {"truncated.tif", bytes([] { return cut(encoded(".tif", loopFrame(6)), 0.6); })},
    };
    return kWriters;
}

BadSurface parseSurface(const std::string& s) {
    for (auto v : {BadSurface::Fits, BadSurface::Stack, BadSurface::Wcs, BadSurface::Ephemeris,
                   BadSurface::Image, BadSurface::Decode, BadSurface::Interp, BadSurface::Ok})
        if (surfaceName(v) == s) return v;
    throw std::runtime_error("unknown surface '" + s + "'");
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string part;
    std::istringstream in(s);
    while (std::getline(in, part, sep)) out.push_back(part);
    return out;
}

}  // namespace

std::vector<std::string> BadCase::frames() const {
    std::vector<std::string> out;
    for (const auto& f : inputs)
        if (fs::path(f).extension() != ".csv") out.push_back(f);
    return out;
}

std::string surfaceName(BadSurface surface) {
    switch (surface) {
        case BadSurface::Fits:
            return "fits";
        case BadSurface::Stack:
            return "stack";
        case BadSurface::Wcs:
            return "wcs";
        case BadSurface::Ephemeris:
            return "ephemeris";
        case BadSurface::Image:
            return "image";
        case BadSurface::Decode:
            return "decode";
        case BadSurface::Interp:
            return "interp";
        case BadSurface::Ok:
            return "ok";
    }
    return "?";
}

std::vector<BadCase> readBadCases(const fs::path& manifest) {
    std::ifstream in(manifest);
    if (!in) throw std::runtime_error("cannot read " + manifest.string());
    std::vector<BadCase> cases;
    std::string line;
    bool header = true;
    for (int n = 1; std::getline(in, line); ++n) {
        if (line.empty() || line[0] == '#') continue;
        const auto cols = split(line, '\t');
        if (cols.size() != 5)
            throw std::runtime_error(manifest.string() + ":" + std::to_string(n) +
                                     ": expected 5 tab-separated columns");
        if (header) {  // the column names
            header = false;
            continue;
        }
        cases.push_back({cols[0], split(cols[1], ','), parseSurface(cols[2]), cols[3], cols[4]});
    }
    return cases;
}

fs::path badCaseManifest() {
    return fs::path(SKYWEAVE_SOURCE_DIR) / "tests" / "data" / "bad" / "cases.tsv";
}

void writeBadCorpus(const fs::path& dir, const std::vector<BadCase>& cases) {
    fs::create_directories(dir);
    std::vector<std::string> names{"good_a.fits", "good_b.fits", "loop_a.png", "loop_b.png",
                                   "ephemeris_ok.csv"};
    for (const auto& c : cases) names.insert(names.end(), c.inputs.begin(), c.inputs.end());
    for (const auto& name : names) {
        const auto it = writers().find(name);
        if (it == writers().end()) throw std::runtime_error("the corpus generator has no writer for " + name);
        const fs::path p = dir / name;
        std::error_code ec;
        if (fs::exists(fs::symlink_status(p, ec))) continue;
        it->second(p);
    }
}

}  // namespace skyweave::test
