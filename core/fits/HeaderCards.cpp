#include "fits/HeaderCards.h"

#include <charconv>

namespace skyweave::fits {
namespace {

void appendCard(std::string& out, std::string_view line) {
    if (line.size() > HeaderCards::kCardLength) line = line.substr(0, HeaderCards::kCardLength);
    out.append(line);
    out.append(HeaderCards::kCardLength - line.size(), ' ');
}

std::string_view trimBlanks(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

}  // namespace

HeaderCards::HeaderCards(std::string_view text) {
    if (text.find('\n') == std::string_view::npos) {
        // Back-to-back cards; a short last card is padded.
        for (std::size_t pos = 0; pos < text.size(); pos += kCardLength)
            appendCard(cards_, text.substr(pos, kCardLength));
        return;
    }
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!line.empty()) appendCard(cards_, line);
        pos = end + 1;
    }
}

std::optional<std::string_view> HeaderCards::rawValue(std::string_view key) const {
    for (std::size_t pos = 0; pos + kCardLength <= cards_.size(); pos += kCardLength) {
        const std::string_view card(cards_.data() + pos, kCardLength);
        if (trimBlanks(card.substr(0, 8)) != key || card.substr(8, 2) != "= ") continue;
        return card.substr(10);
    }
    return std::nullopt;
}

std::optional<std::string> HeaderCards::text(std::string_view key) const {
    const auto raw = rawValue(key);
    if (!raw) return std::nullopt;
    const std::string_view v = trimBlanks(*raw);
    if (!v.empty() && v.front() == '\'') {
        // Quoted string: '' is an escaped quote; the value ends at the first lone quote.
        std::string out;
        for (std::size_t i = 1; i < v.size(); ++i) {
            if (v[i] == '\'') {
                if (i + 1 < v.size() && v[i + 1] == '\'') {
                    out.push_back('\'');
                    ++i;
                    continue;
                }
                break;
            }
            out.push_back(v[i]);
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out;
    }
    // Unquoted value: up to the comment separator.
    const std::size_t slash = v.find('/');
    return std::string(trimBlanks(v.substr(0, slash)));
}

std::optional<double> HeaderCards::number(std::string_view key) const {
    auto value = text(key);
    if (!value || value->empty()) return std::nullopt;
    for (char& c : *value) {
        if (c == 'D' || c == 'd') c = 'E';  // Fortran double exponent, still written by old software
    }
    // from_chars, not strtod: QCoreApplication sets the C locale from the environment, and a
    // comma-decimal locale must not change how FITS numbers read.
    const char* first = value->data();
    const char* last = value->data() + value->size();
    if (*first == '+') ++first;
    double v = 0.0;
    const auto [ptr, ec] = std::from_chars(first, last, v);
    if (ec != std::errc() || ptr != last) return std::nullopt;
    return v;
}

}  // namespace skyweave::fits
