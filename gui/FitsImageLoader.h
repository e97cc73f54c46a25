#pragma once

#include <QString>
#include <memory>
#include <opencv2/core/mat.hpp>

namespace skyweave::track {
class Wcs;
}

namespace skyweave::gui {

/// A FITS image ready for the viewer: float pixels and, when the header has one, its WCS.
struct LoadedFitsImage {
    cv::Mat image;                          ///< CV_32F, empty when the file could not be read
    std::shared_ptr<const track::Wcs> wcs;  ///< null without a celestial WCS
    QString error;                          ///< why `image` is empty
};

/// Reads a whole FITS image and its WCS (any thread; no widgets). Never throws.
[[nodiscard]] LoadedFitsImage loadFitsForViewer(const QString& path);

}  // namespace skyweave::gui
