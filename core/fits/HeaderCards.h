#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace skyweave::fits {

/**
 * @brief Read-only view of a FITS header given as text: 80-character cards back to back (as
 *        cfitsio's fits_hdr2str returns them) or one card per line.
 *
 * Only what registration needs: the value of a keyword as text or number. The normalised card
 * string (exactly 80 characters per card, no newlines) is what wcslib's parser expects.
 */
class HeaderCards {
public:
    static constexpr std::size_t kCardLength = 80;

    HeaderCards() = default;
    explicit HeaderCards(std::string_view text);

    /// The value of `key` with quotes removed and trailing blanks trimmed; nullopt when absent.
    [[nodiscard]] std::optional<std::string> text(std::string_view key) const;
    /// The value of `key` as a number; nullopt when absent or not numeric (FITS 'D' exponents accepted).
    [[nodiscard]] std::optional<double> number(std::string_view key) const;
    [[nodiscard]] bool contains(std::string_view key) const { return rawValue(key).has_value(); }

    /// All cards, each exactly 80 characters, no separators.
    [[nodiscard]] const std::string& cards() const { return cards_; }
    [[nodiscard]] std::size_t cardCount() const { return cards_.size() / kCardLength; }

private:
    [[nodiscard]] std::optional<std::string_view> rawValue(std::string_view key) const;
    std::string cards_;
};

}  // namespace skyweave::fits
