#pragma once

#include <cmath>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "fits/FitsReader.h"
#include "fits/FitsWriter.h"

namespace skyweave::test {

/// Writes a float32 frame with DATE-OBS/EXPTIME; `pixel(x, y)` gives the values.
inline void writeFrame(const std::filesystem::path& path, int w, int h, const std::function<float(int, int)>& pixel,
                       const std::string& dateObs = "2025-03-01T00:00:00.000", double exptime = 60.0) {
    fits::FitsWriter writer(path, true);
    const int hdu = writer.addImage(w, h, fits::FitsPixelType::Float32);
    std::vector<float> img(static_cast<std::size_t>(w) * h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) img[static_cast<std::size_t>(y) * w + x] = pixel(x, y);
    writer.writeRows(hdu, 0, h, img.data());
    writer.setKeyword(hdu, "DATE-OBS", dateObs);
    writer.setKeyword(hdu, "EXPTIME", exptime);
    writer.setKeyword(hdu, "OBJECT", std::string("test field"));
    writer.commit();
}

/// N noisy frames (Gaussian noise around 1000 + a gentle gradient), one minute apart.
inline std::vector<std::filesystem::path> writeNoisyFrames(const std::filesystem::path& dir, int n, int w, int h,
                                                           unsigned seed = 1) {
    std::vector<std::filesystem::path> paths;
    std::mt19937 rng(seed);
    std::normal_distribution<float> noise(0.0f, 10.0f);
    for (int i = 0; i < n; ++i) {
        const auto path = dir / ("frame_" + std::to_string(100 + i) + ".fits");
        char date[40];
        std::snprintf(date, sizeof date, "2025-03-01T00:%02d:00.250", i);
        writeFrame(path, w, h, [&](int x, int y) { return 1000.0f + 0.5f * x + 0.25f * y + noise(rng); }, date, 60.0);
        paths.push_back(path);
    }
    return paths;
}

inline std::vector<float> readPixels(const std::filesystem::path& path) { return fits::FitsReader(path).readImage(); }

}  // namespace skyweave::test
