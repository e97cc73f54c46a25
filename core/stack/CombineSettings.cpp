#include "stack/CombineSettings.h"

#include <array>
#include <utility>

namespace skyweave {
namespace {
constexpr std::array<std::pair<CombineMethod, std::string_view>, 5> kMethods{{{CombineMethod::Average, "average"},
                                                                             {CombineMethod::Median, "median"},
                                                                             {CombineMethod::Sum, "sum"},
                                                                             {CombineMethod::Min, "min"},
                                                                             {CombineMethod::Max, "max"}}};
constexpr std::array<std::pair<RejectionMethod, std::string_view>, 5> kRejections{{{RejectionMethod::None, "none"},
                                                                                  {RejectionMethod::Sigma, "sigma"},
                                                                                  {RejectionMethod::Winsorized, "winsorized"},
                                                                                  {RejectionMethod::MinMax, "minmax"},
                                                                                  {RejectionMethod::Range, "range"}}};

template <typename E, std::size_t N>
std::string_view nameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
    for (const auto& [e, name] : table)
        if (e == value) return name;
    return "?";
}

template <typename E, std::size_t N>
std::optional<E> parse(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view text) {
    for (const auto& [e, name] : table)
        if (name == text) return e;
    return std::nullopt;
}
}  // namespace

std::string_view combineMethodName(CombineMethod m) { return nameOf(kMethods, m); }
std::string_view rejectionMethodName(RejectionMethod m) { return nameOf(kRejections, m); }
std::optional<CombineMethod> parseCombineMethod(std::string_view text) { return parse(kMethods, text); }
std::optional<RejectionMethod> parseRejectionMethod(std::string_view text) { return parse(kRejections, text); }

}  // namespace skyweave
