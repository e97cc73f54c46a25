#pragma once

#include <optional>
#include <string>

namespace skyweave::fits {

/**
 * @brief What Skyweave needs from a FITS image header, read once when the file is opened.
 *
 * `headerCards` is the complete header of the image HDU as consecutive 80-character cards
 * (no END card), the form wcslib's wcspih() takes. For a tile-compressed image it is the
 * header of the uncompressed image (ZNAXISn → NAXISn etc.).
 */
struct FitsHeaderSummary {
    std::string path;
    int hduNumber = 1;          ///< 1-based HDU holding the image (2 for a typical .fz)
    bool compressed = false;    ///< tile-compressed image in a binary table
    int bitpix = 0;             ///< stored BITPIX (8, 16, 32, 64, −32, −64) before scaling
    int width = 0;              ///< NAXIS1
    int height = 0;             ///< NAXIS2
    std::string dateObs;        ///< DATE-OBS exactly as written (fractional seconds kept), "" if absent
    std::optional<double> dateObsMjd;      ///< DATE-OBS as MJD (UTC); empty when absent or unparsable
    std::optional<double> exposureSeconds; ///< EXPTIME, else EXPOSURE
    std::string filter;         ///< FILTER, else FILTNAME; "" if absent
    std::string object;         ///< OBJECT, "" if absent
    std::optional<double> gain; ///< GAIN, else EGAIN
    bool hasCelestialWcs = false;  ///< CTYPE1 and CTYPE2 present
    std::string headerCards;    ///< every card, 80 characters each
    int cardCount = 0;

    /// Mid-exposure time: DATE-OBS + EXPTIME/2 (EXPTIME missing → DATE-OBS).
    [[nodiscard]] std::optional<double> midExposureMjd() const {
        if (!dateObsMjd) return std::nullopt;
        return *dateObsMjd + exposureSeconds.value_or(0.0) / 2.0 / 86400.0;
    }
};

}  // namespace skyweave::fits
