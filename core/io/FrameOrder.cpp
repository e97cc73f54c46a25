#include "io/FrameOrder.h"

#include <algorithm>
#include <cctype>

#include "common/Errors.h"

namespace skyweave {

namespace {

struct DigitRun {
    std::size_t begin = 0;
    std::size_t length = 0;
};

std::vector<DigitRun> digitRuns(const std::string& s) {
    std::vector<DigitRun> runs;
    for (std::size_t i = 0; i < s.size();) {
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
        runs.push_back({i, j - i});
        i = j;
    }
    return runs;
}

int field(const std::string& s, std::size_t at, std::size_t n) { return std::stoi(s.substr(at, n)); }

bool isLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t daysFromCivil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool timeOk(int hh, int mm, int ss) { return hh < 24 && mm < 60 && ss < 61; }

std::optional<std::int64_t> fromCalendar(int y, int mo, int d, int hh, int mm, int ss) {
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > kDays[mo - 1] || (mo == 2 && d == 29 && !isLeap(y)) ||
        !timeOk(hh, mm, ss))
        return std::nullopt;
    return daysFromCivil(y, mo, d) * 86400 + hh * 3600 + mm * 60 + ss;
}

std::optional<std::int64_t> fromDayOfYear(int y, int doy, int hh, int mm, int ss) {
    if (y < 1900 || doy < 1 || doy > (isLeap(y) ? 366 : 365) || !timeOk(hh, mm, ss)) return std::nullopt;
    return (daysFromCivil(y, 1, 1) + doy - 1) * 86400 + hh * 3600 + mm * 60 + ss;
}

}  // namespace

std::optional<std::int64_t> timestampFromName(const std::string& name) {
    const auto runs = digitRuns(name);
    // YYYYMMDD followed by 'T' or '_' and HHMMSS.
    for (std::size_t i = 0; i + 1 < runs.size(); ++i) {
        const auto& a = runs[i];
        const auto& b = runs[i + 1];
        if (a.length != 8 || b.length != 6 || b.begin != a.begin + 9) continue;
        const char sep = name[a.begin + 8];
        if (sep != 'T' && sep != '_') continue;
        if (auto t = fromCalendar(field(name, a.begin, 4), field(name, a.begin + 4, 2), field(name, a.begin + 6, 2),
                                  field(name, b.begin, 2), field(name, b.begin + 2, 2), field(name, b.begin + 4, 2)))
            return t;
    }
    // GOES day-of-year stamps: YYYYDDDHHMM (11 digits) or YYYYDDDHHMMSSt (14 digits).
    for (const auto& r : runs) {
        if (r.length != 11 && r.length != 14) continue;
        const int ss = r.length == 14 ? field(name, r.begin + 11, 2) : 0;
        if (auto t = fromDayOfYear(field(name, r.begin, 4), field(name, r.begin + 4, 3), field(name, r.begin + 7, 2),
                                   field(name, r.begin + 9, 2), ss))
            return t;
    }
    return std::nullopt;
}

bool naturalLess(const std::string& a, const std::string& b) {
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        const bool da = std::isdigit(static_cast<unsigned char>(a[i])) != 0;
        const bool db = std::isdigit(static_cast<unsigned char>(b[j])) != 0;
        if (da && db) {
            std::size_t ie = i, je = j;
            while (ie < a.size() && std::isdigit(static_cast<unsigned char>(a[ie]))) ++ie;
            while (je < b.size() && std::isdigit(static_cast<unsigned char>(b[je]))) ++je;
            // Compare numerically without overflow: strip leading zeros, then length, then digits.
            std::size_t is = i, js = j;
            while (is + 1 < ie && a[is] == '0') ++is;
            while (js + 1 < je && b[js] == '0') ++js;
            if (ie - is != je - js) return ie - is < je - js;
            const int c = a.compare(is, ie - is, b, js, je - js);
            if (c != 0) return c < 0;
            if (ie - i != je - j) return ie - i > je - j;  // "007" after "7"? keep a total order: more zeros first
            i = ie;
            j = je;
        } else {
            if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
            ++i;
            ++j;
        }
    }
    return a.size() - i < b.size() - j;
}

FrameOrder sortFrames(std::vector<std::filesystem::path>& paths, FrameOrder order) {
    const auto byName = [](const std::filesystem::path& x, const std::filesystem::path& y) {
        const auto xs = x.filename().string(), ys = y.filename().string();
        if (xs != ys) return naturalLess(xs, ys);
        return naturalLess(x.string(), y.string());
    };
    std::vector<std::optional<std::int64_t>> stamps;
    stamps.reserve(paths.size());
    bool all = true;
    for (const auto& p : paths) {
        stamps.push_back(timestampFromName(p.filename().string()));
        if (!stamps.back()) {
            all = false;
            if (order == FrameOrder::Timestamp)
                throw SkyweaveError(ErrorKind::BadInput,
                                    p.string() + ": no timestamp (YYYYDDDHHMM, YYYYMMDD_HHMMSS or YYYYMMDDTHHMMSSZ) "
                                                 "in the file name; use name order instead");
        }
    }
    if (order == FrameOrder::Name || (order == FrameOrder::Auto && !all)) {
        std::stable_sort(paths.begin(), paths.end(), byName);
        return FrameOrder::Name;
    }
    std::vector<std::size_t> idx(paths.size());
    for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t x, std::size_t y) {
        if (*stamps[x] != *stamps[y]) return *stamps[x] < *stamps[y];
        return byName(paths[x], paths[y]);
    });
    std::vector<std::filesystem::path> sorted;
    sorted.reserve(paths.size());
    for (auto i : idx) sorted.push_back(paths[i]);
    paths = std::move(sorted);
    return FrameOrder::Timestamp;
}

}  // namespace skyweave
