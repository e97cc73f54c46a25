#include "fits/FitsDate.h"

#include "track/AstroTime.h"

namespace skyweave::fits {

// One calendar implementation for the whole program (common/AstroTime): locale-independent
// number parsing, real month lengths, any number of second decimals.

std::optional<double> parseFitsDateToMjd(std::string_view text) {
    // Header values sometimes arrive with their quotes.
    while (!text.empty() && (text.front() == ' ' || text.front() == '\'')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\'')) text.remove_suffix(1);
    return track::AstroTime::parseIsoToMjd(text);
}

std::string formatMjdAsFitsDate(double mjd) {
    return track::AstroTime::mjdToIso(mjd, 3);
}

}  // namespace skyweave::fits
