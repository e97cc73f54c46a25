#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/Errors.h"

namespace skyweave {

/// How a parameter's text is read and which control a form shows for it.
enum class ParamType {
    Flag,    ///< on when given ("--overwrite"); a check box
    Int,     ///< whole number within [minimum, maximum]; a spin box
    Number,  ///< real number within [minimum, maximum]; a spin box with `decimals`
    Choice,  ///< one of `choices`; a combo box
    Size,    ///< memory size: "2" (GiB), "1.5G", "512M"; a spin box in GiB
    Rate,    ///< frame rate: "30", "29.97", "30000/1001"; an editable combo box
    Text,    ///< free text (names, lists); a line edit
    Path,    ///< a file; a line edit with a browse button
};

struct ParamChoice {
    std::string value;  ///< what the command line and the settings hold ("sigma")
    std::string label;  ///< what a form shows ("sigma clipping")
};

/**
 * @brief One parameter of a settings struct, described once for every front end.
 *
 * The key is the command-line option (`--sigma-low`), the settings key, the form control's object
 * name and the name in messages, so what a user types, sees and saves is always the same thing.
 */
struct ParamSpec {
    std::string key;
    ParamType type = ParamType::Text;
    std::string label;        ///< form label ("Low")
    std::string group;        ///< form section ("Combine")
    std::string help;         ///< one or two sentences: --help text and the form's tooltip
    std::string defaultText;  ///< as typed on the command line; empty: not set unless given
    std::string unit;         ///< shown after the value in forms ("σ", "px")
    std::string valueName;    ///< placeholder in --help ("N", "SIZE")
    double minimum = 0.0;
    double maximum = 0.0;
    int decimals = 0;
    std::vector<ParamChoice> choices;
    bool advanced = false;  ///< folded away in forms until asked for
    char shortName = 0;     ///< one-letter command-line alias, 0 for none
};

/// Parameter values as text, keyed by ParamSpec::key: only what was given (or shown) is present.
using ParamValues = std::map<std::string, std::string>;

/**
 * @brief A parameter value that cannot be used. what() is the cause without the parameter's name
 *        ("must be a whole number ≥ 1 (got 'x')"): the CLI prefixes "--key", a form the label.
 */
class ParamError : public SkyweaveError {
public:
    ParamError(std::string key, const std::string& cause) : SkyweaveError(ErrorKind::BadInput, cause), key_(std::move(key)) {}
    [[nodiscard]] const std::string& key() const { return key_; }

private:
    std::string key_;
};

/**
 * @brief The parameters of one command (stack, interpolate, …) and the typed reading of their values.
 *
 * Readers take the value given, else the default, check it against the spec (range, choices, syntax)
 * and throw ParamError naming the key. Asking for a key that is not in the schema is a programming
 * error (std::logic_error), so a mapping cannot silently read a parameter no front end offers.
 */
class ParamSchema {
public:
    ParamSchema(std::string command, std::vector<ParamSpec> params);

    [[nodiscard]] const std::string& command() const { return command_; }
    [[nodiscard]] const std::vector<ParamSpec>& params() const { return params_; }
    [[nodiscard]] const ParamSpec& spec(std::string_view key) const;
    /// Form sections in first-use order.
    [[nodiscard]] std::vector<std::string> groups() const;

    [[nodiscard]] bool isSet(const ParamValues& values, std::string_view key) const;
    [[nodiscard]] bool flag(const ParamValues& values, std::string_view key) const;
    [[nodiscard]] int integer(const ParamValues& values, std::string_view key) const;
    [[nodiscard]] double number(const ParamValues& values, std::string_view key) const;
    [[nodiscard]] std::string choice(const ParamValues& values, std::string_view key) const;
    [[nodiscard]] std::uint64_t sizeBytes(const ParamValues& values, std::string_view key) const;
    [[nodiscard]] std::string text(const ParamValues& values, std::string_view key) const;
    /// The optional integer of a spec without default: nullopt when not given.
    [[nodiscard]] std::optional<int> optionalInteger(const ParamValues& values, std::string_view key) const;

    /// Checks every given value against its spec (unknown keys too); throws the first ParamError.
    void validate(const ParamValues& values) const;

private:
    [[nodiscard]] std::string raw(const ParamValues& values, const ParamSpec& spec) const;

    std::string command_;
    std::vector<ParamSpec> params_;
};

/// Short ways to write specs in a schema's list.
namespace param {
ParamSpec choice(std::string key, std::string label, std::string group, std::string def, std::vector<ParamChoice> choices,
                 std::string help);
/// Int or Number within [lo, hi].
ParamSpec numeric(ParamType type, std::string key, std::string label, std::string group, std::string def, double lo,
                  double hi, std::string help);
/// Flag, Text, Path, Size or Rate without a default.
ParamSpec plain(ParamType type, std::string key, std::string label, std::string group, std::string help,
                std::string valueName = {});
ParamSpec advanced(ParamSpec spec);
}  // namespace param

/**
 * @brief A memory size as every `--memory-limit` takes it: a bare number in GiB ("2", "1.5"), or with
 *        K, M, G, T and an optional B/iB ("512M", "800MB", "2GiB"). nullopt for anything else, zero,
 *        negative or absurd sizes.
 */
std::optional<std::uint64_t> parseMemorySize(std::string_view text);

/// "2" for 2 GiB, "1.5" for 1.5 GiB: the text parseMemorySize() reads back to the same bytes.
std::string formatGiB(std::uint64_t bytes);

/// The number as the shortest text that reads back to the same double ("3", "0.15", "1e-05").
std::string formatNumber(double value);

}  // namespace skyweave
