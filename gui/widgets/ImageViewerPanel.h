#pragma once

#include <QWidget>
#include <memory>
#include <opencv2/core/mat.hpp>

#include "ImageStretch.h"

class QComboBox;
class QLabel;
class QSlider;

namespace skyweave::track {
class Wcs;
}

namespace skyweave::gui {

class ImageViewer;

/**
 * @brief An ImageViewer with stretch controls: linear/asinh, black and white points, Auto, Fit, 1:1.
 *
 * Holds the data image (any depth, 1 or 3 channels) and re-renders it when a control moves;
 * the sliders span the image's finite data range. Auto picks the points from the statistics.
 * Until the user picks a stretch, 8-bit images (video frames) show linear, like the video they
 * become, and deeper data (FITS) asinh. Under the image a readout shows the pixel below the
 * pointer: position, value and, when a WCS is set, RA/Dec.
 */
class ImageViewerPanel : public QWidget {
    Q_OBJECT

public:
    explicit ImageViewerPanel(QWidget* parent = nullptr);

    /// `wcs` (optional) maps this image's pixels to the sky for the readout.
    void setImage(const cv::Mat& image, const QString& caption = {}, std::shared_ptr<const track::Wcs> wcs = {});
    void clear(const QString& placeholder);
    [[nodiscard]] ImageViewer* viewer() const { return viewer_; }
    [[nodiscard]] const StretchParams& stretch() const { return params_; }
    [[nodiscard]] const cv::Mat& data() const { return data_; }
    /// The readout line for the pixel under the pointer (empty when it is not over the image).
    [[nodiscard]] QString readout() const;
    /// Updates the readout for image position `imagePos` (what moving the pointer there does).
    void showReadout(QPointF imagePos);

public slots:
    void autoStretch();

private:
    void render(bool keepView);
    void chooseDefaultMode(const cv::Mat& image);
    void slidersFromParams();
    [[nodiscard]] double sliderValue(const QSlider* slider) const;

    cv::Mat data_;
    DataRange range_;
    StretchParams params_;
    ImageViewer* viewer_ = nullptr;
    QComboBox* mode_ = nullptr;
    QSlider* black_ = nullptr;
    QSlider* white_ = nullptr;
    QLabel* points_ = nullptr;
    QLabel* caption_ = nullptr;
    QLabel* readout_ = nullptr;
    std::shared_ptr<const track::Wcs> wcs_;
    bool updating_ = false;
    bool modeChosen_ = false;  ///< the user picked a stretch: keep it for every image
};

}  // namespace skyweave::gui
