#pragma once

#include <QPointF>
#include <QString>
#include <memory>
#include <opencv2/core/mat.hpp>

namespace skyweave::track {
class Wcs;
}

namespace skyweave::gui {

/**
 * @brief The text under an image viewer for the pixel below the pointer:
 *        "x 120  y 45  value 1234.5  RA 10h00m01.23s  Dec +30°00′12.3″".
 *
 * Pixel coordinates are 0-based pixel centres (the convention of cv::Mat and core's Wcs), so the
 * pixel at `imagePos` is (floor(x + 0.5), floor(y + 0.5)). RA/Dec appear only with a WCS.
 * Colour images show their B, G, R values.
 */
class PixelReadout {
public:
    /// Empty when the position is outside the image.
    [[nodiscard]] static QString text(const cv::Mat& image, QPointF imagePos, const track::Wcs* wcs);
    /// "10h00m01.23s" for an RA in degrees.
    [[nodiscard]] static QString formatRa(double raDeg);
    /// "+30°00′12.3″" for a declination in degrees.
    [[nodiscard]] static QString formatDec(double decDeg);
};

}  // namespace skyweave::gui
