#include "ImageStretch.h"

#include <algorithm>
#include <cmath>
#include <opencv2/core.hpp>
#include <vector>

namespace skyweave::gui {

namespace {

std::vector<float> sampleValues(const cv::Mat& image) {
    cv::Mat f;
    image.reshape(1).convertTo(f, CV_32F);
    const auto total = static_cast<std::size_t>(f.total());
    const std::size_t step = std::max<std::size_t>(1, total / ImageStretch::kSampleCount);
    std::vector<float> values;
    values.reserve(total / step + 1);
    if (f.isContinuous()) {
        const float* p = f.ptr<float>();
        for (std::size_t i = 0; i < total; i += step)
            if (std::isfinite(p[i])) values.push_back(p[i]);
    } else {
        for (int r = 0; r < f.rows; r += static_cast<int>(std::max<std::size_t>(1, step / f.cols)))
            for (int c = 0; c < f.cols; ++c)
                if (const float v = f.at<float>(r, c); std::isfinite(v)) values.push_back(v);
    }
    return values;
}

double percentile(std::vector<float>& v, double p) {
    const auto k = static_cast<std::size_t>(std::clamp(p, 0.0, 1.0) * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
}

}  // namespace

DataRange ImageStretch::range(const cv::Mat& image) {
    auto values = sampleValues(image);
    if (values.empty()) return {};
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    return {*lo, *hi > *lo ? static_cast<double>(*hi) : *lo + 1.0};
}

StretchParams ImageStretch::autoParams(const cv::Mat& image, StretchMode mode) {
    StretchParams params;
    params.mode = mode;
    auto values = sampleValues(image);
    if (values.empty()) return params;
    const double low = percentile(values, 0.001);
    const double median = percentile(values, 0.5);
    const double high = percentile(values, 0.999);
    std::vector<float> deviations(values.size());
    std::transform(values.begin(), values.end(), deviations.begin(),
                   [median](float v) { return static_cast<float>(std::abs(v - median)); });
    const double sigma = 1.4826 * percentile(deviations, 0.5);
    params.black = std::max(low, median - 3.0 * sigma);
    params.white = high > params.black ? high : params.black + 1.0;
    return params;
}

QImage ImageStretch::render(const cv::Mat& image, const StretchParams& params) {
    if (image.empty()) return {};
    cv::Mat f;
    image.convertTo(f, CV_MAKETYPE(CV_32F, image.channels()));
    const int channels = f.channels();
    const double span = params.white > params.black ? params.white - params.black : 1.0;
    const double beta = std::max(1e-3, params.asinhStrength);
    const double norm = std::asinh(beta);
    // 4096-entry lookup over the normalised range keeps asinh out of the per-pixel loop.
    constexpr int kLut = 4096;
    std::vector<uchar> lut(kLut + 1);
    for (int i = 0; i <= kLut; ++i) {
        const double x = static_cast<double>(i) / kLut;
        const double y = params.mode == StretchMode::Asinh ? std::asinh(beta * x) / norm : x;
        lut[static_cast<std::size_t>(i)] = static_cast<uchar>(std::lround(std::clamp(y, 0.0, 1.0) * 255.0));
    }
    const QImage::Format format = channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888;
    QImage out(f.cols, f.rows, format);
    for (int r = 0; r < f.rows; ++r) {
        const float* src = f.ptr<float>(r);
        uchar* dst = out.scanLine(r);
        for (int c = 0; c < f.cols; ++c) {
            for (int ch = 0; ch < std::min(channels, 3); ++ch) {
                const float v = src[c * channels + ch];
                const double x = std::isfinite(v) ? std::clamp((v - params.black) / span, 0.0, 1.0) : 0.0;
                // OpenCV stores BGR; QImage RGB888 wants RGB.
                const int outCh = channels == 1 ? 0 : 2 - ch;
                dst[c * (channels == 1 ? 1 : 3) + outCh] = lut[static_cast<std::size_t>(x * kLut)];
            }
        }
    }
    return out;
}

}  // namespace skyweave::gui
