#include "track/EphemerisReader.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

#include "common/Errors.h"
#include "common/InputFile.h"
#include "common/AstroTime.h"

namespace skyweave::track {
namespace {

constexpr double kJdThreshold = 2400000.0;                   // larger numbers are JD, smaller MJD
constexpr std::uintmax_t kMaxEphemerisBytes = 256ull << 20;  // anything larger is not a table
constexpr std::size_t kMaxQuotedLineChars = 100;

struct Line {
    std::size_t number;
    std::string_view text;
};

std::vector<Line> splitLines(std::string_view text) {
    std::vector<Line> lines;
    std::size_t pos = 0, number = 1;
    while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back({number++, line});
        if (end == text.size()) break;
        pos = end + 1;
    }
    return lines;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> splitOn(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (true) {
        const std::size_t end = s.find(sep, pos);
        out.push_back(
            trim(s.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos)));
        if (end == std::string_view::npos) return out;
        pos = end + 1;
    }
}

std::vector<std::string_view> whitespaceTokens(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos < s.size()) {
        while (pos < s.size() && std::isspace(static_cast<unsigned char>(s[pos]))) ++pos;
        std::size_t end = pos;
        while (end < s.size() && !std::isspace(static_cast<unsigned char>(s[end]))) ++end;
        if (end > pos) out.push_back(s.substr(pos, end - pos));
        pos = end;
    }
    return out;
}

std::optional<double> parseNumber(std::string_view s) {
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    if (s.empty()) return std::nullopt;
    double v = 0.0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

bool hasDigit(std::string_view s) {
    for (char c : s)
        if (c >= '0' && c <= '9') return true;
    return false;
}

/// "2025-Jan-15" or "2025-01-15" plus "03:20", "03:20:00" or "03:20:00.125" → MJD.
std::optional<double> parseCalendar(std::string_view date, std::string_view time) {
    static constexpr std::array<const char*, 12> kMonths{"jan", "feb", "mar", "apr", "may", "jun",
                                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    std::string iso(date);
    if (date.size() == 11 && date[4] == '-' && date[8] == '-') {
        std::string month(date.substr(5, 3));
        for (char& c : month) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        int index = -1;
        for (std::size_t m = 0; m < kMonths.size(); ++m)
            if (month == kMonths[m]) index = static_cast<int>(m) + 1;
        if (index < 0) return std::nullopt;
        // Rebuilt in place ("2025-Jan-15" → "2025-01-15"): same length, two-digit month.
        iso[5] = static_cast<char>('0' + index / 10);
        iso[6] = static_cast<char>('0' + index % 10);
        iso.erase(7, 1);
    }
    if (!time.empty()) {
        iso += 'T';
        iso += time;
    }
    return AstroTime::parseIsoToMjd(iso);
}

std::string quoted(std::string_view line) {
    line = trim(line);
    if (line.size() > kMaxQuotedLineChars)
        return "\"" + std::string(line.substr(0, kMaxQuotedLineChars)) + "…\"";
    return "\"" + std::string(line) + "\"";
}

[[noreturn]] void failAt(const std::string& source, std::size_t line, const std::string& why,
                         std::string_view text) {
    throw SkyweaveError(ErrorKind::BadInput,
                        source + ":" + std::to_string(line) + ": " + why + " in " + quoted(text));
}

/// RA "HH MM SS.s" → degrees; Dec "±DD MM SS.s" → degrees (the sign is read from the text, so −00 works).
std::optional<double> sexagesimal(std::string_view a, std::string_view b, std::string_view c, bool hours) {
    const auto x = parseNumber(a), y = parseNumber(b), z = parseNumber(c);
    if (!x || !y || !z || *y < 0 || *y >= 60 || *z < 0 || *z >= 60) return std::nullopt;
    const bool negative = !a.empty() && a.front() == '-';
    const double magnitude = std::abs(*x) + *y / 60.0 + *z / 3600.0;
    return (negative ? -magnitude : magnitude) * (hours ? 15.0 : 1.0);
}

enum class AngleFormat { Unknown, Hms, Degrees };
enum class TimeScale { Utc, Tt };

struct HorizonsHeader {
    std::string targetName;
    AngleFormat angles = AngleFormat::Unknown;
    TimeScale scale = TimeScale::Utc;
};

HorizonsHeader readHorizonsHeader(const std::vector<Line>& lines, std::size_t soeIndex,
                                  const std::string& source) {
    HorizonsHeader h;
    std::string_view columnLine;
    for (std::size_t i = 0; i < soeIndex; ++i) {
        const std::string_view t = lines[i].text;
        if (t.rfind("Target body name:", 0) == 0) {
            std::string_view name = t.substr(std::strlen("Target body name:"));
            name = trim(name.substr(0, name.find('{')));
            h.targetName = std::string(name);
        } else if (t.rfind("RA format", 0) == 0) {
            if (t.find("HMS") != std::string_view::npos) h.angles = AngleFormat::Hms;
            if (t.find("DEG") != std::string_view::npos) h.angles = AngleFormat::Degrees;
        } else if (t.find("Date_") != std::string_view::npos || t.find("JDUT") != std::string_view::npos ||
                   t.find("JDTDB") != std::string_view::npos || t.find("JDTT") != std::string_view::npos) {
            columnLine = t;
        }
    }
    const auto has = [&](const char* s) { return columnLine.find(s) != std::string_view::npos; };
    if (has("TDB") || has("(TT)") || has("JDTT")) h.scale = TimeScale::Tt;
    if (has("(UT+") || has("(UT-") || has("UT+") || has("UT-")) {
        throw SkyweaveError(ErrorKind::BadInput, source + ": the Horizons table uses a time-zone offset (" +
                                                     std::string(trim(columnLine).substr(0, 40)) +
                                                     "); request it in UT");
    }
    return h;
}

EphemerisPoint parseHorizonsRow(const Line& line, const HorizonsHeader& header, const std::string& source) {
    std::string text(line.text);
    for (char& c : text)
        if (c == ',') c = ' ';  // CSV_FORMAT=YES: empty marker fields vanish, the rest is as in plain tables
    const auto tokens = whitespaceTokens(text);
    std::size_t i = 0;
    if (i < tokens.size() && tokens[i] == "A.D.") ++i;
    if (i < tokens.size() && tokens[i].rfind("b", 0) == 0)
        failAt(source, line.number, "dates B.C. are not supported", line.text);
    EphemerisPoint p;
    bool haveTime = false;
    if (i + 1 < tokens.size() && tokens[i].find('-') != std::string_view::npos && tokens[i].size() >= 10) {
        const auto mjd = parseCalendar(tokens[i], tokens[i + 1]);
        if (!mjd) failAt(source, line.number, "cannot read the date", line.text);
        p.mjdUtc = *mjd;
        haveTime = true;
        i += 2;
        if (i < tokens.size()) {  // CAL_FORMAT=BOTH adds the JD after the calendar date
            const auto jd = parseNumber(tokens[i]);
            if (jd && *jd > kJdThreshold) ++i;
        }
    } else if (i < tokens.size()) {
        const auto jd = parseNumber(tokens[i]);
        if (jd && *jd > kJdThreshold) {
            p.mjdUtc = *jd - kMjdOffsetFromJd;
            haveTime = true;
            ++i;
        }
    }
    if (!haveTime) failAt(source, line.number, "no date or Julian Day at the start of the row", line.text);
    // Solar/lunar presence and rise/transit/set markers ("*", "C", "N", "A", "m", "Am", "*r", …).
    while (i < tokens.size() && !hasDigit(tokens[i]) && tokens[i].size() <= 3 && tokens[i] != "n.a.") ++i;

    const std::size_t left = tokens.size() - i;
    AngleFormat format = header.angles;
    if (format == AngleFormat::Unknown) {
        const bool looksHms = left >= 6 && tokens[i].find('.') == std::string_view::npos &&
                              tokens[i + 1].find('.') == std::string_view::npos &&
                              (tokens[i + 3].front() == '+' || tokens[i + 3].front() == '-');
        format = looksHms ? AngleFormat::Hms : AngleFormat::Degrees;
    }
    std::optional<double> ra, dec;
    if (format == AngleFormat::Hms) {
        if (left < 6) failAt(source, line.number, "expected RA as HH MM SS and Dec as ±DD MM SS", line.text);
        ra = sexagesimal(tokens[i], tokens[i + 1], tokens[i + 2], true);
        dec = sexagesimal(tokens[i + 3], tokens[i + 4], tokens[i + 5], false);
    } else {
        if (left < 2) failAt(source, line.number, "expected RA and Dec in degrees", line.text);
        ra = parseNumber(tokens[i]);
        dec = parseNumber(tokens[i + 1]);
    }
    if (!ra || !dec) failAt(source, line.number, "cannot read RA/Dec", line.text);
    if (*ra < 0.0 || *ra >= 360.0 || *dec < -90.0 || *dec > 90.0)
        failAt(source, line.number, "RA/Dec out of range", line.text);
    if (!AstroTime::isSupportedMjd(p.mjdUtc)) failAt(source, line.number, "time is outside the years 1–9999", line.text);
    if (header.scale == TimeScale::Tt) p.mjdUtc -= AstroTime::ttMinusUtcSeconds(p.mjdUtc) / kSecondsPerDay;
    p.raDeg = *ra;
    p.decDeg = *dec;
    return p;
}

void checkIncreasing(const std::vector<EphemerisPoint>& points, const std::vector<std::size_t>& lineNumbers,
                     const std::string& source) {
    for (std::size_t i = 1; i < points.size(); ++i) {
        if (!(points[i].mjdUtc > points[i - 1].mjdUtc)) {
            throw SkyweaveError(ErrorKind::BadInput, source + ":" + std::to_string(lineNumbers[i]) +
                                                         ": time " + AstroTime::mjdToIso(points[i].mjdUtc) +
                                                         " is not after the previous row's " +
                                                         AstroTime::mjdToIso(points[i - 1].mjdUtc) +
                                                         " (rows must be in increasing time order)");
        }
    }
}

enum class CsvTime { Auto, Jd, Mjd };

}  // namespace

Ephemeris EphemerisReader::readFile(const std::filesystem::path& path) {
    const std::string name = path.string();
    std::error_code ec;
    // A missing file stays an I/O error below; a folder, FIFO or dangling link is named here.
    if (std::filesystem::exists(std::filesystem::symlink_status(path, ec)))
        requireRegularFile(path, "an ephemeris file");
    const auto size = std::filesystem::file_size(path, ec);
    if (ec)
        throw SkyweaveError(ErrorKind::Io, name + ": cannot read the ephemeris file (" + ec.message() + ")");
    if (size > kMaxEphemerisBytes)
        throw SkyweaveError(ErrorKind::BadInput,
                            name + ": " + std::to_string(size >> 20) +
                                " MiB is too large for an ephemeris table (is this the right file?)");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw SkyweaveError(ErrorKind::Io,
                            name + ": cannot open the ephemeris file (" + std::strerror(errno) + ")");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    if (text.find('\0') != std::string::npos)
        throw SkyweaveError(ErrorKind::BadInput, name + ": binary data, not an ephemeris text table");
    return parse(text, name);
}

Ephemeris EphemerisReader::parse(std::string_view text, const std::string& sourceName) {
    if (text.find("$$SOE") != std::string_view::npos) return parseHorizons(text, sourceName);
    return parseCsv(text, sourceName);
}

Ephemeris EphemerisReader::parseHorizons(std::string_view text, const std::string& sourceName) {
    const auto lines = splitLines(text);
    std::size_t soe = lines.size(), eoe = lines.size();
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string_view t = trim(lines[i].text);
        if (t == "$$SOE" && soe == lines.size())
            soe = i;
        else if (t == "$$EOE" && soe != lines.size()) {
            eoe = i;
            break;
        }
    }
    if (soe == lines.size())
        throw SkyweaveError(ErrorKind::BadInput,
                            sourceName + ": no $$SOE line (not a JPL Horizons observer table)");
    if (eoe == lines.size())
        throw SkyweaveError(ErrorKind::BadInput, sourceName + ": $$SOE on line " +
                                                     std::to_string(lines[soe].number) +
                                                     " has no matching $$EOE (truncated file?)");
    const HorizonsHeader header = readHorizonsHeader(lines, soe, sourceName);
    std::vector<EphemerisPoint> points;
    std::vector<std::size_t> lineNumbers;
    for (std::size_t i = soe + 1; i < eoe; ++i) {
        if (trim(lines[i].text).empty()) continue;
        points.push_back(parseHorizonsRow(lines[i], header, sourceName));
        lineNumbers.push_back(lines[i].number);
    }
    checkIncreasing(points, lineNumbers, sourceName);
    return Ephemeris(std::move(points), sourceName, header.targetName);
}

Ephemeris EphemerisReader::parseCsv(std::string_view text, const std::string& sourceName) {
    std::size_t timeCol = 0, raCol = 1, decCol = 2, minFields = 3;
    CsvTime timeKind = CsvTime::Auto;
    bool sawData = false, sawHeader = false;
    std::vector<EphemerisPoint> points;
    std::vector<std::size_t> lineNumbers;
    for (const Line& line : splitLines(text)) {
        std::string_view t = line.text;
        t = trim(t.substr(0, t.find('#')));
        if (t.empty()) continue;
        const auto fields = splitOn(t, ',');
        const bool firstStartsWithLetter =
            !fields[0].empty() && std::isalpha(static_cast<unsigned char>(fields[0][0]));
        if (!sawData && !sawHeader && firstStartsWithLetter) {
            sawHeader = true;
            std::optional<std::size_t> tc, rc, dc;
            for (std::size_t k = 0; k < fields.size(); ++k) {
                std::string n(fields[k]);
                for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                if (n == "time" || n == "date" || n == "utc" || n == "datetime" || n == "time_utc" ||
                    n == "date_obs")
                    tc = k;
                else if (n == "jd")
                    tc = k, timeKind = CsvTime::Jd;
                else if (n == "mjd")
                    tc = k, timeKind = CsvTime::Mjd;
                else if (n == "ra" || n == "ra_deg")
                    rc = k;
                else if (n == "dec" || n == "dec_deg")
                    dc = k;
            }
            if (!tc || !rc || !dc)
                failAt(sourceName, line.number,
                       "the header must name time (or jd/mjd), ra_deg and dec_deg columns", line.text);
            timeCol = *tc, raCol = *rc, decCol = *dc;
            minFields = std::max({timeCol, raCol, decCol}) + 1;
            continue;
        }
        sawData = true;
        if (fields.size() < minFields)
            failAt(sourceName, line.number,
                   "expected " + std::to_string(minFields) + " comma-separated fields (time,ra_deg,dec_deg)",
                   line.text);
        EphemerisPoint p;
        const std::string_view timeText = fields[timeCol];
        if (const auto number = parseNumber(timeText)) {
            const bool isJd =
                timeKind == CsvTime::Jd || (timeKind == CsvTime::Auto && *number > kJdThreshold);
            p.mjdUtc = isJd ? *number - kMjdOffsetFromJd : *number;
        } else if (const auto iso = AstroTime::parseIsoToMjd(timeText)) {
            p.mjdUtc = *iso;
        } else {
            const auto parts = whitespaceTokens(timeText);  // Horizons-style "2025-Jan-15 03:20:00"
            const auto cal = parts.size() == 2 ? parseCalendar(parts[0], parts[1]) : std::nullopt;
            if (!cal)
                failAt(sourceName, line.number, "cannot read the time (ISO-8601 UTC, JD or MJD)", line.text);
            p.mjdUtc = *cal;
        }
        if (!AstroTime::isSupportedMjd(p.mjdUtc))
            failAt(sourceName, line.number, "time is outside the years 1–9999", line.text);
        const auto ra = parseNumber(fields[raCol]), dec = parseNumber(fields[decCol]);
        if (!ra || !dec)
            failAt(sourceName, line.number, "cannot read ra_deg/dec_deg as decimal degrees", line.text);
        if (*ra < 0.0 || *ra >= 360.0 || *dec < -90.0 || *dec > 90.0)
            failAt(sourceName, line.number, "RA/Dec out of range", line.text);
        p.raDeg = *ra;
        p.decDeg = *dec;
        points.push_back(p);
        lineNumbers.push_back(line.number);
    }
    if (points.empty())
        throw SkyweaveError(
            ErrorKind::BadInput,
            sourceName +
                ": no ephemeris rows (expected JPL Horizons $$SOE/$$EOE or CSV time,ra_deg,dec_deg)");
    checkIncreasing(points, lineNumbers, sourceName);
    return Ephemeris(std::move(points), sourceName);
}

}  // namespace skyweave::track
