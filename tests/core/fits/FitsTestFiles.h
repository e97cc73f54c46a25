#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <fitsio.h>

namespace skyweave::test {

/// Writes a 2-D image with cfitsio directly (independent of FitsWriter) for reader tests.
/// `values` are physical values; integer BITPIX are stored with the given BZERO/BSCALE.
inline void writeTestImage(const std::filesystem::path& path, int bitpix, int width, int height,
                           const std::vector<double>& values, double bzero = 0.0, double bscale = 1.0,
                           const long long* blank = nullptr, bool compressed = false, int naxis3 = 0) {
    fitsfile* f = nullptr;
    int status = 0;
    std::string name = path.string();
    if (compressed) name += "[compress R 16,16]";
    fits_create_file(&f, name.c_str(), &status);
    long axes[3] = {width, height, naxis3};
    fits_create_img(f, bitpix, naxis3 ? 3 : 2, axes, &status);
    if (bzero != 0.0 || bscale != 1.0) {
        fits_update_key_dbl(f, "BSCALE", bscale, -15, nullptr, &status);
        fits_update_key_dbl(f, "BZERO", bzero, -15, nullptr, &status);
        fits_set_bscale(f, bscale, bzero, &status);
    }
    if (blank) {
        long long b = *blank;
        fits_update_key(f, TLONGLONG, "BLANK", &b, nullptr, &status);
    }
    fits_update_key(f, TSTRING, "DATE-OBS", const_cast<char*>("2025-03-01T01:02:03.500"), nullptr, &status);
    double exptime = 30.0, gain = 1.5;
    fits_update_key(f, TDOUBLE, "EXPTIME", &exptime, nullptr, &status);
    fits_update_key(f, TDOUBLE, "GAIN", &gain, nullptr, &status);
    fits_update_key(f, TSTRING, "FILTER", const_cast<char*>("R"), nullptr, &status);
    fits_update_key(f, TSTRING, "OBJECT", const_cast<char*>("2025 BC"), nullptr, &status);
    std::vector<double> v = values;
    if (compressed) {
        // cfitsio does not convert types when writing compressed tiles: give it the stored type.
        std::vector<short> s(v.begin(), v.end());
        fits_write_img(f, TSHORT, 1, static_cast<long long>(s.size()), s.data(), &status);
    } else {
        fits_write_img(f, TDOUBLE, 1, static_cast<long long>(v.size()), v.data(), &status);
    }
    if (blank) {
        // Pixel 0 becomes BLANK: write the raw stored value with scaling switched off.
        fits_set_bscale(f, 1.0, 0.0, &status);
        long long raw = *blank;
        fits_write_img(f, TLONGLONG, 1, 1, &raw, &status);
    }
    fits_close_file(f, &status);
    if (status) throw std::runtime_error("test fixture: cfitsio status " + std::to_string(status));
}

}  // namespace skyweave::test
