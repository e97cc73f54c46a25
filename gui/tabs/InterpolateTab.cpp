#include "tabs/InterpolateTab.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>
#include <cmath>

#include "AppSettings.h"
#include "DropRouter.h"
#include "ImageStretch.h"
#include "JobController.h"
#include "SequencePreview.h"
#include "encode/EncodeRules.h"
#include "encode/VideoEncoder.h"
#include "memory/MemoryMonitor.h"
#include "widgets/BeforeAfterView.h"
#include "widgets/FramePreviewStrip.h"
#include "widgets/ImageViewer.h"
#include "widgets/ImageViewerPanel.h"
#include "widgets/PathField.h"
#include "widgets/WorkersControl.h"

namespace skyweave::gui {

using encode::availableVideoCodecs;
using encode::crfRange;
using encode::EncodeParams;
using encode::parseVideoCodec;
using encode::presetsForCodec;
using encode::VideoCodec;
using encode::videoCodecLabel;
using encode::videoCodecName;

namespace {
const QString kInputSeparator = QStringLiteral(" ; ");

QImage displayImage(const cv::Mat& m) { return ImageStretch::render(m, ImageStretch::autoParams(m, StretchMode::Linear)); }
}  // namespace

InterpolateTab::InterpolateTab(JobController* jobs, QWidget* parent)
    : JobTab(jobs, tr("Interpolate"), tr("frames"), parent) {
    setObjectName(QStringLiteral("interpolate"));
    preview_ = new SequencePreview(this);
    setPanes(buildWorkArea(), buildForm());
    connect(preview_, &SequencePreview::previewReady, this, &InterpolateTab::onPreview);
    connect(preview_, &SequencePreview::pairReady, this, &InterpolateTab::onPair);
}

QWidget* InterpolateTab::buildWorkArea() {
    auto* area = new QWidget(this);
    auto* layout = new QVBoxLayout(area);
    layout->setContentsMargins(0, 0, 0, 0);
    strip_ = new FramePreviewStrip(area);
    layout->addWidget(strip_);
    views_ = new QTabWidget(area);
    viewer_ = new ImageViewerPanel(views_);
    viewer_->clear(tr("Drop a folder of PNG/JPEG/TIFF frames here, or choose one on the right."));
    views_->addTab(viewer_, tr("Preview and crop"));
    auto* compare = new QWidget(views_);
    auto* cl = new QVBoxLayout(compare);
    cl->setContentsMargins(0, 4, 0, 0);
    beforeAfter_ = new BeforeAfterView(compare);
    cl->addWidget(beforeAfter_, 1);
    pairButton_ = new QPushButton(tr("Interpolate the middle pair"), compare);
    pairButton_->setToolTip(tr("Drag across the picture: left of the line a plain cross-fade, right of it Skyweave's "
                               "motion-compensated frame"));
    cl->addWidget(pairButton_, 0, Qt::AlignLeft);
    views_->addTab(compare, tr("Before / after"));
    layout->addWidget(views_, 1);
    connect(strip_, &FramePreviewStrip::frameClicked, this, &InterpolateTab::showFrame);
    connect(pairButton_, &QPushButton::clicked, this, &InterpolateTab::computeBeforeAfter);
    connect(viewer_->viewer(), &ImageViewer::cropChanged, this, [this](const QRect& r) {
        setCrop(r);
        drawCrop_->setChecked(false);
    });
    return area;
}

QWidget* InterpolateTab::buildForm() {
    auto* form = new QWidget(this);
    auto* layout = new QVBoxLayout(form);
    layout->setContentsMargins(0, 0, 4, 0);

    auto* io = new QGroupBox(tr("Input and output"), form);
    auto* iof = new QFormLayout(io);
    auto* inputField = new PathField(PathField::Folder, {}, io);
    input_ = inputField->lineEdit();
    input_->setObjectName(QStringLiteral("input"));
    input_->setPlaceholderText(tr("folder of frames, or drop images"));
    auto* files = new QPushButton(tr("Choose images…"), io);
    inputInfo_ = new QLabel(io);
    inputInfo_->setWordWrap(true);
    inputInfo_->setObjectName(QStringLiteral("inputInfo"));
    auto* outputField = new PathField(PathField::SaveFile, tr("Video (*.mp4 *.mkv *.mov)"), io);
    output_ = outputField->lineEdit();
    output_->setObjectName(QStringLiteral("output"));
    output_->setPlaceholderText(tr("loop.mp4"));
    iof->addRow(tr("Frames"), inputField);
    iof->addRow(QString(), files);
    iof->addRow(QString(), inputInfo_);
    iof->addRow(tr("Video"), outputField);
    layout->addWidget(io);

    auto* interp = new QGroupBox(tr("Interpolation"), form);
    auto* inf = new QFormLayout(interp);
    factor_ = new QSpinBox(interp);
    factor_->setObjectName(QStringLiteral("factor"));
    factor_->setRange(1, InterpolationParams::kMaxFactor);
    factor_->setValue(InterpolationParams{}.factor);
    factor_->setSuffix(QStringLiteral("×"));
    factor_->setToolTip(tr("Output frames per input interval: 4× makes three new frames between each pair"));
    method_ = new QComboBox(interp);
    method_->setObjectName(QStringLiteral("method"));
    for (auto m : {InterpolationMethod::Flow, InterpolationMethod::Blend, InterpolationMethod::Dup})
        method_->addItem(QString::fromStdString(methodName(m)), QString::fromStdString(methodName(m)));
    quality_ = new QComboBox(interp);
    quality_->setObjectName(QStringLiteral("quality"));
    for (auto q : {FlowQuality::Fast, FlowQuality::Medium, FlowQuality::Fine})
        quality_->addItem(QString::fromStdString(qualityName(q)), QString::fromStdString(qualityName(q)));
    quality_->setCurrentIndex(quality_->findData(QString::fromStdString(qualityName(InterpolationParams{}.quality))));
    inf->addRow(tr("Factor"), factor_);
    inf->addRow(tr("Method"), method_);
    inf->addRow(tr("Quality"), quality_);
    layout->addWidget(interp);

    auto* video = new QGroupBox(tr("Video"), form);
    auto* vf = new QFormLayout(video);
    const EncodeParams defaults;
    fps_ = new QDoubleSpinBox(video);
    fps_->setObjectName(QStringLiteral("fps"));
    fps_->setRange(1.0, 240.0);
    fps_->setDecimals(3);
    fps_->setValue(static_cast<double>(defaults.fpsNum) / defaults.fpsDen);
    codec_ = new QComboBox(video);
    codec_->setObjectName(QStringLiteral("codec"));
    for (VideoCodec c : availableVideoCodecs())
        codec_->addItem(QString::fromLatin1(videoCodecLabel(c).data()), QString::fromLatin1(videoCodecName(c).data()));
    crf_ = new QSpinBox(video);
    crf_->setObjectName(QStringLiteral("crf"));
    crf_->setValue(defaults.crf);
    crf_->setToolTip(tr("Constant quality: lower is better and larger"));
    preset_ = new QComboBox(video);
    preset_->setObjectName(QStringLiteral("preset"));
    vf->addRow(tr("Frame rate"), fps_);
    vf->addRow(tr("Codec"), codec_);
    vf->addRow(tr("CRF"), crf_);
    vf->addRow(tr("Preset"), preset_);
    layout->addWidget(video);

    auto* frames = new QGroupBox(tr("Frames, memory and speed"), form);
    auto* ff = new QFormLayout(frames);
    cropEdit_ = new QLineEdit(frames);
    cropEdit_->setObjectName(QStringLiteral("crop"));
    cropEdit_->setPlaceholderText(tr("x,y,w,h"));
    cropEdit_->setToolTip(tr("Crop in source pixels: x,y,w,h. Empty = the whole frame."));
    drawCrop_ = new QPushButton(tr("Draw"), frames);
    drawCrop_->setCheckable(true);
    drawCrop_->setToolTip(tr("Drag a rectangle on the preview"));
    auto* clearCrop = new QPushButton(tr("Clear"), frames);
    auto* cropRow = new QWidget(frames);
    auto* ch = new QHBoxLayout(cropRow);
    ch->setContentsMargins(0, 0, 0, 0);
    ch->addWidget(cropEdit_, 1);
    ch->addWidget(drawCrop_);
    ch->addWidget(clearCrop);
    maxImageMb_ = new QSpinBox(frames);
    maxImageMb_->setObjectName(QStringLiteral("maxImageMb"));
    maxImageMb_->setRange(0, 65536);
    maxImageMb_->setValue(0);
    maxImageMb_->setSpecialValueText(tr("no limit"));
    maxImageMb_->setSuffix(tr(" MB"));
    maxImageMb_->setToolTip(tr("Refuse frames whose decoded size is larger (checked from the header, before decoding)"));
    ff->addRow(tr("Crop"), cropRow);
    ff->addRow(tr("Max image size"), maxImageMb_);
    ff->addRow(tr("Workers"), workers());
    layout->addWidget(frames);
    layout->addStretch(1);

    connect(inputField, &PathField::chosen, this, [this] { reloadPreview(); });
    connect(input_, &QLineEdit::editingFinished, this, &InterpolateTab::reloadPreview);
    connect(files, &QPushButton::clicked, this, [this] {
        const QStringList chosen = QFileDialog::getOpenFileNames(this, tr("Choose frames"), {},
                                                                 tr("Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)"));
        if (!chosen.isEmpty()) addPaths(chosen);
    });
    connect(codec_, &QComboBox::currentIndexChanged, this, &InterpolateTab::onCodecChanged);
    connect(drawCrop_, &QPushButton::toggled, this, [this](bool on) {
        viewer_->viewer()->setCropMode(on);
        if (on) views_->setCurrentIndex(0);
    });
    connect(clearCrop, &QPushButton::clicked, this, [this] { setCrop({}); });
    connect(cropEdit_, &QLineEdit::editingFinished, this, [this] { viewer_->viewer()->setCropRect(crop()); });
    onCodecChanged();
    return form;
}

void InterpolateTab::onCodecChanged() {
    const auto codec = parseVideoCodec(codec_->currentData().toString().toStdString()).value_or(VideoCodec::H264);
    const QString keep = preset_->currentText();
    preset_->clear();
    for (const auto& p : presetsForCodec(codec)) preset_->addItem(QString::fromStdString(p), QString::fromStdString(p));
    const int index = preset_->findText(keep.isEmpty() ? QString::fromStdString(EncodeParams{}.preset) : keep);
    if (index >= 0) preset_->setCurrentIndex(index);
    preset_->setEnabled(preset_->count() > 0);
    const auto range = crfRange(codec);
    crf_->setEnabled(range.has_value());
    if (range) crf_->setRange(range->min, range->max);
}

void InterpolateTab::addPaths(const QStringList& paths) {
    QStringList images;
    for (const QString& p : paths) {
        if (isVideoName(p)) output_->setText(p);
        else images << p;
    }
    if (images.isEmpty()) return;
    input_->setText(images.join(kInputSeparator));
    if (output_->text().isEmpty()) {
        const QFileInfo first(images.first());
        const QString base = first.isDir() ? first.absoluteFilePath() : first.absolutePath();
        output_->setText(QDir(base).absoluteFilePath(QStringLiteral("../%1_x%2.mp4").arg(QFileInfo(base).fileName()).arg(factor_->value())));
        output_->setText(QDir::cleanPath(output_->text()));
    }
    reloadPreview();
}

QStringList InterpolateTab::inputs() const {
    QStringList out;
    for (const QString& part : input_->text().split(kInputSeparator.trimmed(), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty()) out << part.trimmed();
    return out;
}

void InterpolateTab::setOutputPath(const QString& path) { output_->setText(path); }

void InterpolateTab::setFactor(int factor) { factor_->setValue(factor); }

QRect InterpolateTab::crop() const {
    const auto parts = cropEdit_->text().split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (parts.size() != 4) return {};
    int v[4];
    for (int i = 0; i < 4; ++i) {
        bool ok = false;
        v[i] = parts[i].trimmed().toInt(&ok);
        if (!ok) return {};
    }
    return {v[0], v[1], v[2], v[3]};
}

void InterpolateTab::setCrop(const QRect& rect) {
    cropEdit_->setText(rect.isValid() && !rect.isEmpty()
                           ? QStringLiteral("%1,%2,%3,%4").arg(rect.x()).arg(rect.y()).arg(rect.width()).arg(rect.height())
                           : QString());
    viewer_->viewer()->setCropRect(rect);
}

QString InterpolateTab::inputDescription() const { return inputInfo_->text(); }

void InterpolateTab::reloadPreview() {
    const QStringList in = inputs();
    strip_->clear();
    if (in.isEmpty()) return;
    inputInfo_->setText(tr("Reading frame headers…"));
    preview_->load(in);
}

void InterpolateTab::onPreview(const SequencePreviewResult& result) {
    inputInfo_->setStyleSheet(result.error.isEmpty() ? QString() : QStringLiteral("color: #c62828;"));
    if (!result.error.isEmpty()) {
        inputInfo_->setText(result.error);  // names the bad frame and why (core's message)
        viewer_->clear(result.error);
        emit previewShown();
        return;
    }
    inputInfo_->setText(result.description);
    for (int i = 0; i < 3; ++i) {
        previewFrames_[i] = result.frames[i];
        previewNames_[i] = result.names.value(i);
        strip_->setFrame(i, displayImage(result.frames[i]), previewNames_[i]);
    }
    showFrame(1);
    beforeAfter_->setPlaceholder(tr("Press “Interpolate the middle pair” to compare a plain cross-fade with "
                                    "Skyweave's motion-compensated frame."));
    emit previewShown();
}

void InterpolateTab::showFrame(int index) {
    if (previewFrames_[index].empty()) return;
    viewer_->setImage(previewFrames_[index], previewNames_[index]);
    viewer_->viewer()->setCropRect(crop());
    views_->setCurrentIndex(0);
}

void InterpolateTab::computeBeforeAfter() {
    if (inputs().isEmpty()) return;
    pairButton_->setEnabled(false);
    beforeAfter_->setPlaceholder(tr("Interpolating the middle pair…"));
    views_->setCurrentIndex(1);
    preview_->computePair(inputs(), crop(), request().interpolation);
}

void InterpolateTab::onPair(const PairPreviewResult& result) {
    pairButton_->setEnabled(true);
    if (!result.error.isEmpty()) {
        beforeAfter_->setPlaceholder(result.error);
        return;
    }
    beforeAfter_->setImages(displayImage(result.before), displayImage(result.after), tr("Cross-fade"),
                            tr("Skyweave (%1)").arg(method_->currentText()));
    beforeAfter_->setToolTip(result.description);
}

InterpolateRequest InterpolateTab::request() const {
    InterpolateRequest r;
    for (const QString& in : inputs()) r.inputs.emplace_back(in.toStdString());
    r.interpolation.factor = factor_->value();
    r.interpolation.method =
        parseMethod(method_->currentData().toString().toStdString()).value_or(InterpolationMethod::Flow);
    r.interpolation.quality = parseQuality(quality_->currentData().toString().toStdString()).value_or(FlowQuality::Medium);
    if (const QRect c = crop(); c.isValid() && !c.isEmpty()) r.sequence.crop = cv::Rect(c.x(), c.y(), c.width(), c.height());
    r.sequence.maxImageBytes = static_cast<std::uint64_t>(maxImageMb_->value()) * kBytesPerMb;
    EncodeParams video;
    video.outputPath = output_->text().trimmed().toStdString();
    video.codec = parseVideoCodec(codec_->currentData().toString().toStdString()).value_or(VideoCodec::H264);
    // Frame rate as a rational: whole rates exactly, others (29.97) in thousandths.
    const double fps = fps_->value();
    const bool whole = std::abs(fps - std::round(fps)) < 1e-6;
    video.fpsNum = static_cast<int>(std::lround(whole ? fps : fps * 1000.0));
    video.fpsDen = whole ? 1 : 1000;
    video.crf = crf_->isEnabled() ? crf_->value() : -1;
    if (preset_->isEnabled()) video.preset = preset_->currentText().toStdString();
    r.video = video;
    const MemoryMonitor* monitor = jobs()->memoryMonitor();
    r.budgetBytes = (monitor ? monitor->settings() : MemorySettings::fromEnvironment()).budgetBytes();
    r.maxWorkers = workers()->requested();
    return r;
}

std::shared_ptr<Job> InterpolateTab::createJob(QString& error) {
    if (!cropEdit_->text().trimmed().isEmpty() && crop().isEmpty()) {
        error = tr("Crop must be x,y,w,h in pixels, e.g. 100,50,640,480.");
        return nullptr;
    }
    InterpolateRequest r = request();
    if (r.video && !r.video->outputPath.empty()) {
        if (!confirmOverwrite(QString::fromStdString(r.video->outputPath))) {
            error = tr("Not started: the output exists.");
            return nullptr;
        }
        r.video->overwrite = true;  // confirmed above (or nothing there)
        r.overwrite = true;
    }
    return buildInterpolateJob(r, jobs()->memoryMonitor(), error);
}

void InterpolateTab::restoreSettings(const AppSettings& settings) {
    JobTab::restoreSettings(settings);
    onCodecChanged();
    settings.restoreForm(objectName(), this);  // again: the preset list depends on the restored codec
    if (!inputs().isEmpty()) reloadPreview();
}

}  // namespace skyweave::gui
