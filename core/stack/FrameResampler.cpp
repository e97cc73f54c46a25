#include "stack/FrameResampler.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace skyweave {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr double kPi = 3.14159265358979323846;
constexpr int kLanczosA = 3;
/// Extra rows read beyond the corner-derived range so rounding in c·x + d·y never leaves the buffer.
constexpr int kSafetyRows = 1;

double lanczos3(double t) {
    if (t == 0.0) return 1.0;
    if (std::fabs(t) >= kLanczosA) return 0.0;
    const double pt = kPi * t;
    return kLanczosA * std::sin(pt) * std::sin(pt / kLanczosA) / (pt * pt);
}

struct Source {
    const float* raw;
    int first, last, width, height;
    bool inside(int x, int y) const { return x >= 0 && x < width && y >= 0 && y < height; }
    float at(int x, int y) const { return raw[static_cast<std::size_t>(y - first) * width + x]; }
    bool rowsBuffered(int y0, int y1) const { return y0 >= first && y1 < last; }
};

float bilinear(const Source& s, double xi, double yi) {
    if (!std::isfinite(xi) || !std::isfinite(yi)) return kNaN;
    const double fx0 = std::floor(xi), fy0 = std::floor(yi);
    if (fx0 < -1 || fy0 < -1 || fx0 >= s.width || fy0 >= s.height) return kNaN;
    const int x0 = static_cast<int>(fx0), y0 = static_cast<int>(fy0);
    const double fx = xi - fx0, fy = yi - fy0;
    const int x1 = fx > 0.0 ? x0 + 1 : x0, y1 = fy > 0.0 ? y0 + 1 : y0;
    if (!s.inside(x0, y0) || !s.inside(x1, y1) || !s.rowsBuffered(y0, y1)) return kNaN;
    const double top = (1.0 - fx) * s.at(x0, y0) + (x1 != x0 ? fx * s.at(x1, y0) : 0.0);
    if (y1 == y0) return static_cast<float>(top);
    const double bottom = (1.0 - fx) * s.at(x0, y1) + (x1 != x0 ? fx * s.at(x1, y1) : 0.0);
    return static_cast<float>((1.0 - fy) * top + fy * bottom);
}

float lanczos(const Source& s, double xi, double yi) {
    if (!std::isfinite(xi) || !std::isfinite(yi) || std::fabs(xi) > 1e9 || std::fabs(yi) > 1e9) return kNaN;
    const double fx0 = std::floor(xi), fy0 = std::floor(yi);
    if (xi == fx0 && yi == fy0) {  // exact grid point: the sample itself
        const int x = static_cast<int>(fx0), y = static_cast<int>(fy0);
        return s.inside(x, y) && s.rowsBuffered(y, y) ? s.at(x, y) : kNaN;
    }
    const int x0 = static_cast<int>(fx0), y0 = static_cast<int>(fy0);
    const int xa = x0 - kLanczosA + 1, xb = x0 + kLanczosA, ya = y0 - kLanczosA + 1, yb = y0 + kLanczosA;
    if (xa < 0 || ya < 0 || xb >= s.width || yb >= s.height || !s.rowsBuffered(ya, yb)) return bilinear(s, xi, yi);
    double wx[2 * kLanczosA], wy[2 * kLanczosA];
    double sumX = 0.0, sumY = 0.0;
    for (int k = 0; k < 2 * kLanczosA; ++k) {
        sumX += wx[k] = lanczos3(xi - (xa + k));
        sumY += wy[k] = lanczos3(yi - (ya + k));
    }
    double acc = 0.0;
    for (int j = 0; j < 2 * kLanczosA; ++j) {
        double row = 0.0;
        for (int k = 0; k < 2 * kLanczosA; ++k) row += wx[k] * s.at(xa + k, ya + j);
        acc += wy[j] * row;
    }
    return static_cast<float>(acc / (sumX * sumY));
}

}  // namespace

std::pair<int, int> FrameResampler::inputRowRange(const FrameTransform& t, int width, int height, int y0, int rows,
                                                  Resampling mode) {
    const int m = margin(mode);
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const double x : {0.0, static_cast<double>(width - 1)})
        for (const double y : {static_cast<double>(y0), static_cast<double>(y0 + rows - 1)}) {
            const double yi = t.apply(x, y)[1];
            lo = std::min(lo, yi), hi = std::max(hi, yi);
        }
    const double first = std::floor(lo) - (m - 1) - kSafetyRows;
    const double last = std::floor(hi) + m + 1 + kSafetyRows;  // exclusive
    const int a = static_cast<int>(std::clamp(first, 0.0, static_cast<double>(height)));
    const int b = static_cast<int>(std::clamp(last, 0.0, static_cast<double>(height)));
    return {a, std::max(a, b)};
}

void FrameResampler::resampleStrip(const float* raw, int rawFirstRow, int rawRows, int width, int height,
                                   const FrameTransform& t, Resampling mode, int y0, int rows, float* out) {
    const Source s{raw, rawFirstRow, rawFirstRow + rawRows, width, height};
    for (int r = 0; r < rows; ++r) {
        const double y = y0 + r;
        float* dst = out + static_cast<std::size_t>(r) * width;
        for (int x = 0; x < width; ++x) {
            const auto [xi, yi] = t.apply(x, y);
            dst[x] = mode == Resampling::Lanczos3 ? lanczos(s, xi, yi) : bilinear(s, xi, yi);
        }
    }
}

}  // namespace skyweave
