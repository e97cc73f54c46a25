#include "widgets/ImageViewerPanel.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>
#include <cmath>

#include "PixelReadout.h"
#include "track/Wcs.h"
#include "widgets/ImageViewer.h"

namespace skyweave::gui {

namespace {
constexpr int kSliderSteps = 1000;
}

ImageViewerPanel::ImageViewerPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    caption_ = new QLabel(this);
    caption_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    caption_->hide();
    layout->addWidget(caption_);
    viewer_ = new ImageViewer(this);
    layout->addWidget(viewer_, 1);

    auto* controls = new QGridLayout;
    mode_ = new QComboBox(this);
    mode_->setObjectName(QStringLiteral("stretchMode"));
    mode_->addItem(tr("Asinh stretch"), static_cast<int>(StretchMode::Asinh));
    mode_->addItem(tr("Linear stretch"), static_cast<int>(StretchMode::Linear));
    mode_->setProperty("persist", false);
    auto* autoButton = new QPushButton(tr("Auto"), this);
    autoButton->setToolTip(tr("Black point just below the sky background, white point at the 99.9th percentile"));
    auto* fit = new QPushButton(tr("Fit"), this);
    fit->setToolTip(tr("Fit the image to the view (double-click, or key 0)"));
    auto* actual = new QPushButton(tr("1:1"), this);
    actual->setToolTip(tr("One image pixel per screen pixel (key 1); wheel zooms, drag pans"));
    black_ = new QSlider(Qt::Horizontal, this);
    white_ = new QSlider(Qt::Horizontal, this);
    for (auto* s : {black_, white_}) {
        s->setRange(0, kSliderSteps);
        s->setProperty("persist", false);
    }
    black_->setToolTip(tr("Black point"));
    white_->setToolTip(tr("White point"));
    points_ = new QLabel(this);
    points_->setMinimumWidth(points_->fontMetrics().horizontalAdvance(QStringLiteral("black 00000.0  white 00000.0")));
    controls->addWidget(mode_, 0, 0);
    controls->addWidget(new QLabel(tr("Black"), this), 0, 1);
    controls->addWidget(black_, 0, 2);
    controls->addWidget(new QLabel(tr("White"), this), 0, 3);
    controls->addWidget(white_, 0, 4);
    controls->addWidget(autoButton, 0, 5);
    controls->addWidget(fit, 0, 6);
    controls->addWidget(actual, 0, 7);
    readout_ = new QLabel(this);
    readout_->setObjectName(QStringLiteral("pixelReadout"));
    readout_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    readout_->setToolTip(tr("Pixel under the pointer: 0-based x and y (pixel centres), value, and RA/Dec from the WCS"));
    controls->addWidget(points_, 1, 0, 1, 4);
    controls->addWidget(readout_, 1, 4, 1, 4, Qt::AlignRight);
    controls->setColumnStretch(2, 1);
    controls->setColumnStretch(4, 1);
    layout->addLayout(controls);

    connect(viewer_, &ImageViewer::pointerMoved, this, &ImageViewerPanel::showReadout);
    connect(viewer_, &ImageViewer::pointerLeft, readout_, &QLabel::clear);
    connect(mode_, &QComboBox::currentIndexChanged, this, [this] {
        if (updating_) return;  // setImage() picks the default and renders itself
        modeChosen_ = true;
        params_.mode = static_cast<StretchMode>(mode_->currentData().toInt());
        render(true);
    });
    const auto onSlider = [this] {
        if (updating_) return;
        params_.black = sliderValue(black_);
        params_.white = std::max(sliderValue(white_), params_.black + (range_.max - range_.min) / kSliderSteps);
        render(true);
    };
    connect(black_, &QSlider::valueChanged, this, onSlider);
    connect(white_, &QSlider::valueChanged, this, onSlider);
    connect(autoButton, &QPushButton::clicked, this, &ImageViewerPanel::autoStretch);
    connect(fit, &QPushButton::clicked, viewer_, &ImageViewer::fitToWindow);
    connect(actual, &QPushButton::clicked, viewer_, [this] { viewer_->setZoom(1.0); });
}

void ImageViewerPanel::setImage(const cv::Mat& image, const QString& caption, std::shared_ptr<const track::Wcs> wcs) {
    data_ = image;
    wcs_ = std::move(wcs);
    readout_->clear();
    chooseDefaultMode(image);
    range_ = ImageStretch::range(image);
    caption_->setText(caption);
    caption_->setVisible(!caption.isEmpty());
    params_ = ImageStretch::autoParams(image, static_cast<StretchMode>(mode_->currentData().toInt()));
    slidersFromParams();
    render(false);
}

void ImageViewerPanel::chooseDefaultMode(const cv::Mat& image) {
    if (modeChosen_ || image.empty()) return;
    const StretchMode mode = image.depth() == CV_8U ? StretchMode::Linear : StretchMode::Asinh;
    updating_ = true;
    mode_->setCurrentIndex(mode_->findData(static_cast<int>(mode)));
    updating_ = false;
}

QString ImageViewerPanel::readout() const { return readout_->text(); }

void ImageViewerPanel::showReadout(QPointF imagePos) {
    readout_->setText(PixelReadout::text(data_, imagePos, wcs_.get()));
}

void ImageViewerPanel::clear(const QString& placeholder) {
    data_ = cv::Mat();
    wcs_.reset();
    readout_->clear();
    viewer_->setImage(QImage());
    viewer_->setPlaceholder(placeholder);
    caption_->hide();
    points_->clear();
}

void ImageViewerPanel::autoStretch() {
    if (data_.empty()) return;
    params_ = ImageStretch::autoParams(data_, static_cast<StretchMode>(mode_->currentData().toInt()));
    slidersFromParams();
    render(true);
}

double ImageViewerPanel::sliderValue(const QSlider* slider) const {
    return range_.min + (range_.max - range_.min) * slider->value() / kSliderSteps;
}

void ImageViewerPanel::slidersFromParams() {
    updating_ = true;
    const double span = range_.max - range_.min;
    black_->setValue(static_cast<int>(std::lround((params_.black - range_.min) / span * kSliderSteps)));
    white_->setValue(static_cast<int>(std::lround((params_.white - range_.min) / span * kSliderSteps)));
    updating_ = false;
}

void ImageViewerPanel::render(bool keepView) {
    if (data_.empty()) return;
    viewer_->setImage(ImageStretch::render(data_, params_), keepView);
    points_->setText(tr("black %1  white %2  (data %3 … %4)")
                         .arg(params_.black, 0, 'g', 6)
                         .arg(params_.white, 0, 'g', 6)
                         .arg(range_.min, 0, 'g', 6)
                         .arg(range_.max, 0, 'g', 6));
}

}  // namespace skyweave::gui
