#pragma once

#include <cstdio>
#include <string>

namespace skyweave::test {

/// One 80-character FITS card: "KEY     = value".
inline std::string fitsCard(const std::string& key, const std::string& value) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%-8.8s= %-70.70s", key.c_str(), value.c_str());
    return std::string(buf, 80);
}
inline std::string fitsCard(const std::string& key, double value) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%20.12G", value);
    return fitsCard(key, std::string(buf));
}
inline std::string fitsString(const std::string& text) { return "'" + text + "'"; }

/// A TAN WCS: pixel scale `scaleDeg`, rotated by `rotationDeg` (east left, north up at 0), 1-based CRPIX.
struct TanWcsSpec {
    double crval1 = 150.0, crval2 = 30.0;
    double crpix1 = 512.5, crpix2 = 512.5;
    double cd11 = -0.0005, cd12 = 0.0001, cd21 = 0.0001, cd22 = 0.0005;
    int width = 1024, height = 1024;
};

inline std::string tanHeader(const TanWcsSpec& s) {
    return fitsCard("SIMPLE", "T") + fitsCard("BITPIX", -32) + fitsCard("NAXIS", 2) + fitsCard("NAXIS1", s.width) +
           fitsCard("NAXIS2", s.height) + fitsCard("CTYPE1", fitsString("RA---TAN")) +
           fitsCard("CTYPE2", fitsString("DEC--TAN")) + fitsCard("CRVAL1", s.crval1) + fitsCard("CRVAL2", s.crval2) +
           fitsCard("CRPIX1", s.crpix1) + fitsCard("CRPIX2", s.crpix2) + fitsCard("CD1_1", s.cd11) +
           fitsCard("CD1_2", s.cd12) + fitsCard("CD2_1", s.cd21) + fitsCard("CD2_2", s.cd22) +
           fitsCard("RADESYS", fitsString("ICRS"));
}

}  // namespace skyweave::test
