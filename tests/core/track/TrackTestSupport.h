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

#include <cmath>
#include <vector>

#include <opencv2/core.hpp>

namespace skyweave::test {

/// A point source for synthetic frames.
struct SyntheticStar {
    double x = 0.0, y = 0.0, flux = 0.0;
};

/// Adds a Gaussian of total `flux` and width `sigmaPx` centred at (x, y), sampled at pixel centres.
inline void addGaussian(cv::Mat& img, double x, double y, double flux, double sigmaPx) {
    const int r = static_cast<int>(std::ceil(6.0 * sigmaPx));
    const double norm = flux / (2.0 * M_PI * sigmaPx * sigmaPx);
    for (int yy = std::max(0, static_cast<int>(y) - r); yy <= std::min(img.rows - 1, static_cast<int>(y) + r); ++yy)
        for (int xx = std::max(0, static_cast<int>(x) - r); xx <= std::min(img.cols - 1, static_cast<int>(x) + r); ++xx) {
            const double d2 = (xx - x) * (xx - x) + (yy - y) * (yy - y);
            img.at<float>(yy, xx) += static_cast<float>(norm * std::exp(-d2 / (2.0 * sigmaPx * sigmaPx)));
        }
}

/// Random stars away from the edges, fluxes log-uniform in [minFlux, maxFlux].
inline std::vector<SyntheticStar> randomStars(cv::RNG& rng, int count, int width, int height, double minFlux,
                                              double maxFlux, int marginPx = 20) {
    std::vector<SyntheticStar> stars;
    for (int i = 0; i < count; ++i)
        stars.push_back({rng.uniform(static_cast<double>(marginPx), static_cast<double>(width - marginPx)),
                         rng.uniform(static_cast<double>(marginPx), static_cast<double>(height - marginPx)),
                         minFlux * std::pow(maxFlux / minFlux, rng.uniform(0.0, 1.0))});
    return stars;
}

/// Background + stars + Gaussian noise.
inline cv::Mat renderField(int width, int height, const std::vector<SyntheticStar>& stars, double sigmaPx,
                           double background, double noise, cv::RNG& rng) {
    cv::Mat img(height, width, CV_32F, cv::Scalar(background));
    for (const SyntheticStar& s : stars) addGaussian(img, s.x, s.y, s.flux, sigmaPx);
    if (noise > 0.0) {
        cv::Mat n(height, width, CV_32F);
        rng.fill(n, cv::RNG::NORMAL, 0.0, noise);
        img += n;
    }
    return img;
}

}  // namespace skyweave::test
