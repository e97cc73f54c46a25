#pragma once

#include <QWidget>
#include <opencv2/core/mat.hpp>

#include "ImageStretch.h"

class QComboBox;
class QLabel;
class QSlider;

namespace skyweave::gui {

class ImageViewer;

/**
 * @brief An ImageViewer with stretch controls: linear/asinh, black and white points, Auto, Fit, 1:1.
 *
 * Holds the data image (any depth, 1 or 3 channels) and re-renders it when a control moves;
 * the sliders span the image's finite data range. Auto picks the points from the statistics.
 */
class ImageViewerPanel : public QWidget {
    Q_OBJECT

public:
    explicit ImageViewerPanel(QWidget* parent = nullptr);

    void setImage(const cv::Mat& image, const QString& caption = {});
    void clear(const QString& placeholder);
    [[nodiscard]] ImageViewer* viewer() const { return viewer_; }
    [[nodiscard]] const StretchParams& stretch() const { return params_; }
    [[nodiscard]] const cv::Mat& data() const { return data_; }

public slots:
    void autoStretch();

private:
    void render(bool keepView);
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
    bool updating_ = false;
};

}  // namespace skyweave::gui
