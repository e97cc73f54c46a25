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
#include "RecentFolder.h"
#include "SequencePreview.h"
#include "encode/EncodeRules.h"
#include "encode/VideoEncoder.h"
#include "interp/InterpolateSchema.h"
#include "memory/MemoryMonitor.h"
#include "memory/MemorySettings.h"
#include "widgets/BeforeAfterView.h"
#include "widgets/FramePreviewStrip.h"
#include "widgets/ImageViewer.h"
#include "widgets/ImageViewerPanel.h"
#include "widgets/JobProgressPanel.h"
#include "widgets/PairComparePanel.h"
#include "widgets/PathField.h"
#include "widgets/SchemaForm.h"
#include "widgets/VideoResultBar.h"
#include "widgets/WorkersControl.h"

namespace skyweave::gui {

using encode::availableVideoCodecs;
using encode::crfRange;
using encode::EncodeParams;
using encode::parseVideoCodec;
using encode::presetsForCodec;
using encode::VideoCodec;
using encode::videoCodecLabel;
using encode::parseFrameRate;
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
    output_->setPlaceholderText(tr("next to the frames once they are chosen"));
    // The plan follows the factor and the frame rate control, whatever kind of control the form uses.
    connect(factor_, &QSpinBox::valueChanged, this, &InterpolateTab::updatePlan);
    connect(form_, &SchemaForm::changed, this, &InterpolateTab::updatePlan);
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
    compare_ = new PairComparePanel(views_);
    views_->addTab(compare_, tr("Before / after"));
    layout->addWidget(views_, 1);
    videoBar_ = new VideoResultBar(area);
    layout->addWidget(videoBar_);
    connect(strip_, &FramePreviewStrip::frameClicked, this, &InterpolateTab::showFrame);
    connect(compare_, &PairComparePanel::pairRequested, this, &InterpolateTab::computeBeforeAfter);
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

    // The interpolate schema drives the rest: the same names, ranges and defaults as `skyweave-cli interpolate`.
    form_ = new SchemaForm(interpolateSchema(), {"output", "frames-out", "overwrite", "threads", "crop"}, form);
    factor_ = qobject_cast<QSpinBox*>(form_->control("factor"));
    factor_->setSuffix(QStringLiteral("×"));
    method_ = qobject_cast<QComboBox*>(form_->control("method"));
    codec_ = qobject_cast<QComboBox*>(form_->control("codec"));
    crf_ = qobject_cast<QSpinBox*>(form_->control("crf"));
    preset_ = qobject_cast<QComboBox*>(form_->control("preset"));
    const MemoryMonitor* monitor = jobs()->memoryMonitor();
    const auto budget = (monitor ? monitor->settings() : MemorySettings::fromEnvironment()).budgetBytes();
    form_->setValues({{"memory-limit", formatGiB(budget)}, {"crf", std::to_string(EncodeParams{}.crf)}});
    cropEdit_ = new QLineEdit(form);
    cropEdit_->setObjectName(QStringLiteral("crop"));
    cropEdit_->setPlaceholderText(tr("x,y,w,h"));
    cropEdit_->setToolTip(tr("Crop in source pixels: x,y,w,h. Empty = the whole frame."));
    drawCrop_ = new QPushButton(tr("Draw"), form);
    drawCrop_->setCheckable(true);
    drawCrop_->setToolTip(tr("Drag a rectangle on the preview"));
    auto* clearCrop = new QPushButton(tr("Clear"), form);
    auto* cropRow = new QWidget(form);
    auto* ch = new QHBoxLayout(cropRow);
    ch->setContentsMargins(0, 0, 0, 0);
    ch->addWidget(cropEdit_, 1);
    ch->addWidget(drawCrop_);
    ch->addWidget(clearCrop);
    form_->addRow("Frames, memory and speed", tr("Crop"), cropRow);
    form_->addRow("Frames, memory and speed", tr("Workers"), workers());
    layout->addWidget(form_);
    layout->addStretch(1);

    connect(inputField, &PathField::chosen, this, [this] { reloadPreview(); });
    connect(input_, &QLineEdit::editingFinished, this, &InterpolateTab::reloadPreview);
    connect(files, &QPushButton::clicked, this, [this] {
        const QStringList chosen = QFileDialog::getOpenFileNames(this, tr("Choose frames"), RecentFolder::path(),
                                                                 tr("Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)"));
        if (chosen.isEmpty()) return;
        RecentFolder::remember(chosen.first());
        addPaths(chosen);
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
    preset_->setCurrentIndex(index >= 0 ? index : 0);
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
    if (output_->text().trimmed().isEmpty()) output_->setText(defaultOutputPath(images));
    reloadPreview();
}

QString InterpolateTab::defaultOutputPath(const QStringList& images) const {
    if (images.isEmpty()) return {};
    const QFileInfo first(images.first());
    const QString folder = first.isDir() ? first.absoluteFilePath() : first.absolutePath();
    const QString name = QStringLiteral("%1_x%2.mp4").arg(QFileInfo(folder).fileName()).arg(factor_->value());
    return QDir::toNativeSeparators(QDir::cleanPath(QDir(folder).filePath(name)));
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
    if (in != shownInputs_) forgetLastSequence();  // nothing of the previous folder stays on screen
    shownInputs_ = in;
    strip_->clear();
    if (in.isEmpty()) return;
    inputInfo_->setText(tr("Reading frame headers…"));
    preview_->load(in);
}

void InterpolateTab::forgetLastSequence() {
    for (auto& frame : previewFrames_) frame = cv::Mat();
    frameCount_ = 0;
    compare_->setSequence(0, tr("Choose frames to compare a plain cross-fade with Skyweave's frame."));
    videoBar_->clearVideo();
    updatePlan();
    if (!ownsRunningJob()) progressPanel()->reset();
}

void InterpolateTab::updatePlan() {
    // The frame rate as a run reads it (29.97 is 30000/1001), whatever else the form still lacks.
    const auto rate = parseFrameRate(form_->values()["fps"]);
    const double fps = rate && rate->den > 0 ? static_cast<double>(rate->num) / rate->den : 0.0;
    videoBar_->setPlan(frameCount_, factor_->value(), fps);
}

void InterpolateTab::onPreview(const SequencePreviewResult& result) {
    inputInfo_->setStyleSheet(result.error.isEmpty() ? QString() : QStringLiteral("color: #c62828;"));
    if (!result.error.isEmpty()) {
        inputInfo_->setText(result.error);  // names the bad frame and why (core's message)
        viewer_->clear(result.error);
        forgetLastSequence();
        compare_->setSequence(0, result.error);
        emit previewShown();
        return;
    }
    inputInfo_->setText(result.description);
    frameCount_ = result.frameCount;
    updatePlan();
    for (int i = 0; i < 3; ++i) {
        previewFrames_[i] = result.frames[i];
        previewNames_[i] = result.names.value(i);
        strip_->setFrame(i, displayImage(result.frames[i]), previewNames_[i]);
    }
    showFrame(1);
    compare_->setSequence(result.frameCount, tr("Press “Interpolate this pair” to compare a plain cross-fade with "
                                                "Skyweave's motion-compensated frame."));
    emit previewShown();
}

void InterpolateTab::showFrame(int index) {
    if (previewFrames_[index].empty()) return;
    viewer_->setImage(previewFrames_[index], previewNames_[index]);
    viewer_->viewer()->setCropRect(crop());
    views_->setCurrentIndex(0);
}

BeforeAfterView* InterpolateTab::beforeAfter() const { return compare_->view(); }

void InterpolateTab::computeBeforeAfter() {
    if (inputs().isEmpty()) return;
    compare_->setBusy(true);
    beforeAfter()->setPlaceholder(tr("Interpolating pair %1…").arg(compare_->pairIndex() + 1));
    views_->setCurrentIndex(1);
    const InterpolateRequest r = request();
    preview_->computePair(inputs(), crop(), r.interpolation, compare_->pairIndex(), r.budgetBytes);
}

void InterpolateTab::onPair(const PairPreviewResult& result) {
    compare_->setBusy(false);
    if (!result.error.isEmpty()) {
        beforeAfter()->setPlaceholder(result.error);
        return;
    }
    beforeAfter()->setImages(displayImage(result.before), displayImage(result.after), tr("Cross-fade"),
                            tr("Skyweave (%1)").arg(method_->currentText()));
    beforeAfter()->setToolTip(result.description);
}

ParamValues InterpolateTab::formValues() const {
    ParamValues values = form_->values();
    // Codecs without a CRF (ffv1, prores) or presets leave those out, as a command line would.
    if (!crf_->isEnabled()) values.erase("crf");
    if (!preset_->isEnabled()) values.erase("preset");
    if (!output_->text().trimmed().isEmpty()) values["output"] = output_->text().trimmed().toStdString();
    if (!cropEdit_->text().trimmed().isEmpty()) values["crop"] = cropEdit_->text().trimmed().toStdString();
    if (workers()->requested() > 0) values["threads"] = std::to_string(workers()->requested());
    return values;
}

std::optional<InterpolateRequest> InterpolateTab::buildRequest(QString& error) const {
    std::vector<std::filesystem::path> in;
    for (const QString& path : inputs()) in.emplace_back(path.toStdString());
    try {
        return interpolateRequestFromValues(interpolateSchema(), formValues(), std::move(in));
    } catch (const ParamError& e) {
        error = tr("%1: %2").arg(e.key() == "output" ? tr("Video") : form_->labelFor(e.key()), QString::fromUtf8(e.what()));
    } catch (const std::exception& e) {
        error = QString::fromUtf8(e.what());
    }
    return std::nullopt;
}

InterpolateRequest InterpolateTab::request() const {
    std::vector<std::filesystem::path> in;
    for (const QString& path : inputs()) in.emplace_back(path.toStdString());
    ParamValues values = formValues();
    // Before a video is chosen the form still describes the interpolation a preview should show.
    if (!values.count("output")) values["output"] = "preview.mkv";
    try {
        return interpolateRequestFromValues(interpolateSchema(), values, in);
    } catch (const std::exception&) {
        // An unusable form still previews, with the default settings.
        InterpolateRequest r;
        r.inputs = std::move(in);
        return r;
    }
}

std::shared_ptr<Job> InterpolateTab::createJob(QString& error) {
    if (inputs().isEmpty()) {
        error = tr("Choose an input folder or images.");
        return nullptr;
    }
    if (output_->text().trimmed().isEmpty()) {
        error = tr("Choose an output video file (.mp4, .mkv or .mov).");
        return nullptr;
    }
    auto r = buildRequest(error);
    if (!r) return nullptr;
    if (!confirmOverwrite(QString::fromStdString(r->video->outputPath))) {
        error = tr("Not started: the output exists.");
        return nullptr;
    }
    r->video->overwrite = true;  // confirmed above (or nothing there)
    r->overwrite = true;
    return buildInterpolateJob(*r, jobs()->memoryMonitor(), error);
}

void InterpolateTab::onJobEnded(Job::State state, const QString&) {
    if (state == Job::State::Finished) videoBar_->setVideo(output_->text().trimmed());
}

void InterpolateTab::restoreSettings(const AppSettings& settings) {
    JobTab::restoreSettings(settings);
    onCodecChanged();
    settings.restoreForm(objectName(), this);  // again: the preset list depends on the restored codec
    if (!inputs().isEmpty()) reloadPreview();
}

}  // namespace skyweave::gui
