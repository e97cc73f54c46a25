#include "common/ParamSchema.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace skyweave {
namespace {

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

std::string got(const std::string& text) { return " (got '" + text + "')"; }

std::optional<double> toDouble(const std::string& text) {
    double value = 0.0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
    return value;
}

std::optional<long long> toInteger(const std::string& text) {
    long long value = 0;
    const char* begin = text.data() + (text.size() > 1 && text[0] == '+' ? 1 : 0);
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc() || ptr != end || begin == end) return std::nullopt;
    return value;
}

}  // namespace

namespace param {

ParamSpec choice(std::string key, std::string label, std::string group, std::string def,
                 std::vector<ParamChoice> choices, std::string help) {
    ParamSpec s;
    s.key = std::move(key), s.type = ParamType::Choice, s.label = std::move(label), s.group = std::move(group);
    s.defaultText = std::move(def), s.choices = std::move(choices), s.help = std::move(help);
    s.valueName = "NAME";
    return s;
}

ParamSpec numeric(ParamType type, std::string key, std::string label, std::string group, std::string def, double lo,
                  double hi, std::string help) {
    ParamSpec s;
    s.key = std::move(key), s.type = type, s.label = std::move(label), s.group = std::move(group);
    s.defaultText = std::move(def), s.minimum = lo, s.maximum = hi, s.help = std::move(help);
    s.valueName = type == ParamType::Int ? "N" : "X";
    return s;
}

ParamSpec plain(ParamType type, std::string key, std::string label, std::string group, std::string help,
                std::string valueName) {
    ParamSpec s;
    s.key = std::move(key), s.type = type, s.label = std::move(label), s.group = std::move(group);
    s.help = std::move(help), s.valueName = std::move(valueName);
    return s;
}

ParamSpec advanced(ParamSpec s) {
    s.advanced = true;
    return s;
}

}  // namespace param

ParamSchema::ParamSchema(std::string command, std::vector<ParamSpec> params)
    : command_(std::move(command)), params_(std::move(params)) {}

const ParamSpec& ParamSchema::spec(std::string_view key) const {
    for (const auto& p : params_)
        if (p.key == key) return p;
    throw std::logic_error("parameter '" + std::string(key) + "' is not in the " + command_ + " schema");
}

std::vector<std::string> ParamSchema::groups() const {
    std::vector<std::string> out;
    for (const auto& p : params_)
        if (!p.group.empty() && std::find(out.begin(), out.end(), p.group) == out.end()) out.push_back(p.group);
    return out;
}

std::string ParamSchema::raw(const ParamValues& values, const ParamSpec& spec) const {
    const auto it = values.find(spec.key);
    return it != values.end() ? trimmed(it->second) : spec.defaultText;
}

bool ParamSchema::isSet(const ParamValues& values, std::string_view key) const {
    const ParamSpec& s = spec(key);
    const auto it = values.find(s.key);
    if (s.type == ParamType::Flag) return it != values.end() && flag(values, key);
    return it != values.end() && !trimmed(it->second).empty();
}

bool ParamSchema::flag(const ParamValues& values, std::string_view key) const {
    const ParamSpec& s = spec(key);
    const auto it = values.find(s.key);
    if (it == values.end()) return s.defaultText == "true";
    const std::string v = trimmed(it->second);
    // The command line gives a flag with no text; settings store "true"/"false".
    if (v.empty() || v == "true" || v == "1" || v == "yes" || v == "on") return true;
    if (v == "false" || v == "0" || v == "no" || v == "off") return false;
    throw ParamError(s.key, "is a switch: on or off" + got(v));
}

int ParamSchema::integer(const ParamValues& values, std::string_view key) const {
    const ParamSpec& s = spec(key);
    const std::string v = raw(values, s);
    const auto n = toInteger(v);
    if (!n || static_cast<double>(*n) < s.minimum || static_cast<double>(*n) > s.maximum)
        throw ParamError(s.key, "must be a whole number from " + formatNumber(s.minimum) + " to " +
                                    formatNumber(s.maximum) + got(v));
    return static_cast<int>(*n);
}

std::optional<int> ParamSchema::optionalInteger(const ParamValues& values, std::string_view key) const {
    if (!isSet(values, key) && spec(key).defaultText.empty()) return std::nullopt;
    return integer(values, key);
}

double ParamSchema::number(const ParamValues& values, std::string_view key) const {
    const ParamSpec& s = spec(key);
    const std::string v = raw(values, s);
    const auto x = toDouble(v);
    if (!x || !std::isfinite(*x) || *x < s.minimum || *x > s.maximum)
        throw ParamError(s.key, "must be a number from " + formatNumber(s.minimum) + " to " + formatNumber(s.maximum) + got(v));
    return *x;
}

std::string ParamSchema::choice(const ParamValues& values, std::string_view key) const {
    const ParamSpec& s = spec(key);
    std::string v = raw(values, s);
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string allowed;
    for (const auto& c : s.choices) {
        if (c.value == v) return v;
        allowed += (allowed.empty() ? "" : ", ") + c.value;
    }
    throw ParamError(s.key, "must be one of " + allowed + got(v));
}

std::uint64_t ParamSchema::sizeBytes(const ParamValues& values, std::string_view key) const {
    const ParamSpec& s = spec(key);
    const std::string v = raw(values, s);
    const auto bytes = parseMemorySize(v);
    if (!bytes) throw ParamError(s.key, "is not a size (e.g. 2, 1.5G, 512M)" + got(v));
    return *bytes;
}

std::string ParamSchema::text(const ParamValues& values, std::string_view key) const { return raw(values, spec(key)); }

void ParamSchema::validate(const ParamValues& values) const {
    for (const auto& [key, value] : values) {
        const ParamSpec& s = spec(key);
        if (s.type != ParamType::Flag && trimmed(value).empty()) continue;
        switch (s.type) {
        case ParamType::Flag: (void)flag(values, key); break;
        case ParamType::Int: (void)integer(values, key); break;
        case ParamType::Number: (void)number(values, key); break;
        case ParamType::Choice: (void)choice(values, key); break;
        case ParamType::Size: (void)sizeBytes(values, key); break;
        case ParamType::Rate:
        case ParamType::Text:
        case ParamType::Path: break;  // read by the request's own mapping
        }
    }
}

std::optional<std::uint64_t> parseMemorySize(std::string_view input) {
    std::string t = trimmed(input);
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    for (const char* suffix : {"IB", "B"}) {
        const std::string_view s(suffix);
        if (t.size() > 2 && t.compare(t.size() - s.size(), s.size(), s) == 0) {
            t.erase(t.size() - s.size());
            break;
        }
    }
    double unit = 1024.0 * 1024.0 * 1024.0;  // a bare number is in GiB
    if (!t.empty() && std::isalpha(static_cast<unsigned char>(t.back()))) {
        switch (t.back()) {
        case 'K': unit = 1024.0; break;
        case 'M': unit = 1024.0 * 1024.0; break;
        case 'G': break;
        case 'T': unit = 1024.0 * 1024.0 * 1024.0 * 1024.0; break;
        default: return std::nullopt;
        }
        t.pop_back();
    }
    const auto value = toDouble(t);
    if (!value || !(*value > 0.0) || !std::isfinite(*value) || *value * unit > 1e18) return std::nullopt;
    return static_cast<std::uint64_t>(*value * unit);
}

std::string formatGiB(std::uint64_t bytes) { return formatNumber(static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0)); }

std::string formatNumber(double value) {
    char buf[64];
    // Whole numbers as people write them ("1000", not "1e+03").
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) {
        std::snprintf(buf, sizeof buf, "%.0f", value);
        return buf;
    }
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, value);
        if (std::strtod(buf, nullptr) == value) break;
    }
    return buf;
}

}  // namespace skyweave
