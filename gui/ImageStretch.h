#pragma once

#include <QImage>
#include <opencv2/core/mat.hpp>

namespace skyweave::gui {

/// How data values map to screen brightness between the black and white points.
enum class StretchMode { Linear, Asinh };

/// Display mapping for one image: values ≤ black are black, ≥ white are white.
struct StretchParams {
    StretchMode mode = StretchMode::Asinh;
    double black = 0.0;
    double white = 1.0;
    double asinhStrength = 30.0;  ///< β in asinh(β·x)/asinh(β): higher lifts faint signal more
};

/// The finite data range of an image (NaN and ±inf ignored); {0, 1} when nothing is finite.
struct DataRange {
    double min = 0.0;
    double max = 1.0;
};

/**
 * @brief Display-only helpers: choose black/white points and render a float image to 8 bits.
 *
 * Images are cv::Mat of any depth with 1 or 3 channels (BGR, as OpenCV reads). Statistics use
 * an evenly spaced sample of at most kSampleCount values, so they cost the same for any size.
 */
class ImageStretch {
public:
    static constexpr int kSampleCount = 200'000;

    /// Black at max(0.1st percentile, median − 3σ) with σ = 1.4826·MAD, white at the 99.9th percentile:
    /// the sky background lands just above black and stars do not saturate the whole range.
    static StretchParams autoParams(const cv::Mat& image, StretchMode mode);
    static DataRange range(const cv::Mat& image);
    /// 8-bit grey or RGB image for display; NaN shows as black.
    static QImage render(const cv::Mat& image, const StretchParams& params);
};

}  // namespace skyweave::gui
