#include "tabs/StackTab.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QRadioButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "JobController.h"
#include "AppSettings.h"
#include "LogHub.h"
#include "RecentFolder.h"
#include "models/FitsFileListModel.h"
#include "stack/CombineSettings.h"
#include "tabs/StackJobBuilder.h"
#include "widgets/ImageViewerPanel.h"
#include "widgets/JobProgressPanel.h"
#include "widgets/PathField.h"
#include "widgets/WorkersControl.h"

namespace skyweave::gui {

StackTab::StackTab(JobController* jobs, QWidget* parent) : JobTab(jobs, tr("Stack"), tr("strips"), parent) {
    setObjectName(QStringLiteral("stack"));
    model_ = new FitsFileListModel(this);
    resultLoader_ = new QFutureWatcher<LoadedFitsImage>(this);
    auto* area = new QSplitter(Qt::Vertical, this);
    area->addWidget(buildFileArea());
    viewer_ = new ImageViewerPanel(area);
    viewer_->clear(tr("The stacked result appears here."));
    area->addWidget(viewer_);
    area->setStretchFactor(0, 1);
    area->setStretchFactor(1, 1);
    setPanes(area, buildForm());
    connect(model_, &FitsFileListModel::headersRead, this, &StackTab::updateEnabled);
    connect(model_, &QAbstractItemModel::rowsRemoved, this, &StackTab::updateEnabled);
    connect(model_, &QAbstractItemModel::modelReset, this, &StackTab::updateEnabled);
    connect(resultLoader_, &QFutureWatcherBase::finished, this, &StackTab::onImageLoaded);
    // The field proposes nothing that looks like a value: a real path is filled in when frames come.
    output_->setPlaceholderText(tr("next to the frames once they are added"));
    updateEnabled();
}

QWidget* StackTab::buildFileArea() {
    auto* box = new QGroupBox(tr("Frames — drop FITS files or folders here"), this);
    auto* layout = new QVBoxLayout(box);
    table_ = new QTableView(box);
    table_->setObjectName(QStringLiteral("fitsFiles"));
    sorted_ = new QSortFilterProxyModel(this);
    sorted_->setSourceModel(model_);
    sorted_->setSortRole(FitsFileListModel::SortRole);
    table_->setModel(sorted_);
    table_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);  // list order until a header is clicked
    table_->setSortingEnabled(true);
    table_->setToolTip(tr("Click a header to sort (the stack uses the order added); double-click a frame to view it"));
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setAlternatingRowColors(true);
    table_->setWordWrap(false);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(FitsFileListModel::Status, QHeaderView::Stretch);
    table_->setAcceptDrops(true);
    table_->viewport()->setAcceptDrops(true);
    table_->viewport()->installEventFilter(this);
    layout->addWidget(table_, 1);
    dropMessage_ = new QLabel(box);
    dropMessage_->setObjectName(QStringLiteral("dropMessage"));
    dropMessage_->setWordWrap(true);
    dropMessage_->setStyleSheet(QStringLiteral("color: #c62828;"));
    dropMessage_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    dropMessage_->hide();
    layout->addWidget(dropMessage_);
    auto* buttons = new QHBoxLayout;
    auto* addFiles = new QPushButton(QIcon(QStringLiteral(":/icons/add-files.svg")), tr("Add files…"), box);
    auto* addFolder = new QPushButton(QIcon(QStringLiteral(":/icons/folder.svg")), tr("Add folder…"), box);
    auto* remove = new QPushButton(tr("Remove"), box);
    auto* clear = new QPushButton(tr("Clear"), box);
    summary_ = new QLabel(box);
    buttons->addWidget(addFiles);
    buttons->addWidget(addFolder);
    buttons->addWidget(remove);
    buttons->addWidget(clear);
    buttons->addStretch(1);
    buttons->addWidget(summary_);
    layout->addLayout(buttons);
    connect(addFiles, &QPushButton::clicked, this, &StackTab::chooseFiles);
    connect(addFolder, &QPushButton::clicked, this, &StackTab::chooseFolder);
    connect(remove, &QPushButton::clicked, this, &StackTab::removeSelected);
    connect(clear, &QPushButton::clicked, this, [this] {
        model_->clear();
        dropMessage_->hide();
    });
    connect(table_, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        previewFrame(index.data(FitsFileListModel::PathRole).toString());
    });
    // "reading headers…" is replaced by the outcome once the headers are in.
    connect(model_, &FitsFileListModel::headersRead, this, [this] {
        if (model_->rowCount() > 0) emit statusMessage(tr("Headers read: %1.").arg(summary_->text()));
    });
    return box;
}

QWidget* StackTab::buildForm() {
    auto* form = new QWidget(this);
    auto* layout = new QVBoxLayout(form);
    layout->setContentsMargins(0, 0, 4, 0);

    auto* combine = new QGroupBox(tr("Combine"), form);
    auto* cf = new QFormLayout(combine);
    method_ = new QComboBox(combine);
    method_->setObjectName(QStringLiteral("method"));
    for (auto m : {CombineMethod::Median, CombineMethod::Average, CombineMethod::Sum, CombineMethod::Min, CombineMethod::Max})
        method_->addItem(QString::fromLatin1(combineMethodName(m).data()), QString::fromLatin1(combineMethodName(m).data()));
    rejection_ = new QComboBox(combine);
    rejection_->setObjectName(QStringLiteral("rejection"));
    const std::pair<RejectionMethod, QString> rejections[] = {
        {RejectionMethod::None, tr("none")}, {RejectionMethod::Sigma, tr("sigma clipping")},
        {RejectionMethod::Winsorized, tr("winsorized sigma")}, {RejectionMethod::MinMax, tr("min/max extremes")},
        {RejectionMethod::Range, tr("absolute range")}};
    for (const auto& [r, label] : rejections) rejection_->addItem(label, QString::fromLatin1(rejectionMethodName(r).data()));
    sigmaLow_ = new QDoubleSpinBox(combine);
    sigmaLow_->setObjectName(QStringLiteral("sigmaLow"));
    sigmaHigh_ = new QDoubleSpinBox(combine);
    sigmaHigh_->setObjectName(QStringLiteral("sigmaHigh"));
    for (auto* s : {sigmaLow_, sigmaHigh_}) {
        s->setRange(0.5, 10.0);
        s->setSingleStep(0.5);
        s->setValue(3.0);
        s->setSuffix(QStringLiteral(" σ"));
    }
    iterations_ = new QSpinBox(combine);
    iterations_->setObjectName(QStringLiteral("iterations"));
    iterations_->setRange(1, 50);
    iterations_->setValue(10);
    cf->addRow(tr("Method"), method_);
    cf->addRow(tr("Rejection"), rejection_);
    cf->addRow(tr("Low / high"), [&] {
        auto* row = new QWidget(combine);
        auto* h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        h->addWidget(sigmaLow_);
        h->addWidget(sigmaHigh_);
        return row;
    }());
    cf->addRow(tr("Iterations"), iterations_);
    layout->addWidget(combine);

    auto* align = new QGroupBox(tr("Alignment"), form);
    auto* af = new QFormLayout(align);
    alignment_ = new QComboBox(align);
    alignment_->setObjectName(QStringLiteral("alignment"));
    alignment_->addItem(tr("none (already registered)"), QStringLiteral("none"));
    alignment_->addItem(tr("stars (detect and match)"), QStringLiteral("stars"));
    alignment_->addItem(tr("WCS in the headers"), QStringLiteral("wcs"));
    af->addRow(tr("Align on"), alignment_);
    layout->addWidget(align);

    tracking_ = new QGroupBox(tr("Track a moving object"), form);
    tracking_->setObjectName(QStringLiteral("tracking"));
    tracking_->setCheckable(true);
    tracking_->setChecked(false);
    auto* tf = new QFormLayout(tracking_);
    objectName_ = new QLineEdit(tracking_);
    objectName_->setObjectName(QStringLiteral("objectName"));
    objectName_->setPlaceholderText(tr("e.g. 2025 BC"));
    useEphemeris_ = new QRadioButton(tr("Ephemeris file"), tracking_);
    useEphemeris_->setObjectName(QStringLiteral("useEphemeris"));
    useEphemeris_->setChecked(true);
    useRate_ = new QRadioButton(tr("Rate"), tracking_);
    useRate_->setObjectName(QStringLiteral("useRate"));
    auto* ephemerisField = new PathField(PathField::OpenFile, tr("Ephemeris (*.csv *.txt);;All files (*)"), tracking_);
    ephemeris_ = ephemerisField->lineEdit();
    ephemeris_->setObjectName(QStringLiteral("ephemeris"));
    ephemeris_->setPlaceholderText(tr("JPL Horizons table or CSV time,ra_deg,dec_deg"));
    rate_ = new QDoubleSpinBox(tracking_);
    rate_->setObjectName(QStringLiteral("rateArcsecPerMin"));
    rate_->setRange(0.0, 10000.0);
    rate_->setDecimals(3);
    rate_->setSuffix(tr(" ″/min"));
    positionAngle_ = new QDoubleSpinBox(tracking_);
    positionAngle_->setObjectName(QStringLiteral("positionAngleDeg"));
    positionAngle_->setRange(0.0, 360.0);
    positionAngle_->setSuffix(tr("° PA"));
    tf->addRow(tr("Object"), objectName_);
    tf->addRow(useEphemeris_, ephemerisField);
    auto* rateRow = new QWidget(tracking_);
    auto* rh = new QHBoxLayout(rateRow);
    rh->setContentsMargins(0, 0, 0, 0);
    rh->addWidget(rate_);
    rh->addWidget(positionAngle_);
    tf->addRow(useRate_, rateRow);
    layout->addWidget(tracking_);

    auto* memory = new QGroupBox(tr("Memory and speed"), form);
    auto* mf = new QFormLayout(memory);
    memoryLimit_ = new QDoubleSpinBox(memory);
    memoryLimit_->setObjectName(QStringLiteral("memoryLimitGb"));
    memoryLimit_->setRange(0.125, 1024.0);
    memoryLimit_->setDecimals(3);
    memoryLimit_->setSingleStep(0.25);
    memoryLimit_->setValue(2.0);
    memoryLimit_->setSuffix(tr(" GB"));
    memoryLimit_->setToolTip(tr("Hard limit for the frames in memory; the result is exact whatever the limit."));
    chunkSize_ = new QSpinBox(memory);
    chunkSize_->setObjectName(QStringLiteral("chunkSize"));
    chunkSize_->setRange(2, 1000);
    chunkSize_->setValue(10);
    chunkSize_->setToolTip(tr("Frames per chunk when even one row per strip does not fit (approximate for median)."));
    forceChunked_ = new QCheckBox(tr("Force frame chunks"), memory);
    forceChunked_->setObjectName(QStringLiteral("forceChunked"));
    mf->addRow(tr("Memory limit"), memoryLimit_);
    mf->addRow(tr("Chunk size"), chunkSize_);
    mf->addRow(QString(), forceChunked_);
    mf->addRow(tr("Workers"), workers());
    layout->addWidget(memory);

    auto* out = new QGroupBox(tr("Output"), form);
    auto* of = new QVBoxLayout(out);
    auto* outputField = new PathField(PathField::SaveFile, tr("FITS image (*.fits)"), out);
    output_ = outputField->lineEdit();
    output_->setObjectName(QStringLiteral("output"));
    output_->setPlaceholderText(tr("stacked.fits"));
    openFolder_ = new QPushButton(QIcon(QStringLiteral(":/icons/folder.svg")), tr("Open output folder"), out);
    openFolder_->setEnabled(false);
    of->addWidget(outputField);
    of->addWidget(openFolder_);
    layout->addWidget(out);
    layout->addStretch(1);

    connect(openFolder_, &QPushButton::clicked, this, [this] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(outputPath()).absolutePath()));
    });
    const auto onRejection = [this] {
        const QString r = rejection_->currentData().toString();
        const bool sigma = r == QLatin1String("sigma") || r == QLatin1String("winsorized");
        sigmaLow_->setEnabled(sigma);
        sigmaHigh_->setEnabled(sigma);
        iterations_->setEnabled(sigma);
    };
    connect(rejection_, &QComboBox::currentIndexChanged, this, onRejection);
    onRejection();
    const auto onTracking = [this] {
        ephemeris_->parentWidget()->setEnabled(useEphemeris_->isChecked());
        rate_->parentWidget()->setEnabled(useRate_->isChecked());
        model_->setRequireWcs(alignment_->currentData().toString() == QLatin1String("wcs") || tracking_->isChecked());
        updateEnabled();
    };
    connect(useEphemeris_, &QRadioButton::toggled, this, onTracking);
    connect(alignment_, &QComboBox::currentIndexChanged, this, onTracking);
    connect(tracking_, &QGroupBox::toggled, this, onTracking);
    onTracking();
    return form;
}

void StackTab::updateEnabled() {
    const int usable = static_cast<int>(model_->usablePaths().size());
    const int total = model_->rowCount();
    summary_->setText(total == 0 ? tr("No frames yet") : tr("%1 of %2 frames will be stacked").arg(usable).arg(total));
}

bool StackTab::eventFilter(QObject* watched, QEvent* event) {
    if (watched == table_->viewport()) {
        if (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove) {
            auto* drag = static_cast<QDropEvent*>(event);
            if (drag->mimeData()->hasUrls()) {
                drag->acceptProposedAction();
                return true;
            }
        } else if (event->type() == QEvent::Drop) {
            auto* drop = static_cast<QDropEvent*>(event);
            QStringList paths;
            for (const QUrl& url : drop->mimeData()->urls())
                paths << (url.isLocalFile() ? url.toLocalFile() : url.toString());
            addPaths(paths);
            drop->acceptProposedAction();
            return true;
        }
    }
    return JobTab::eventFilter(watched, event);
}

void StackTab::addPaths(const QStringList& paths) {
    const auto result = model_->addPaths(paths);
    QStringList lines;
    if (!result.rejected.isEmpty()) lines << tr("Not added:") << result.rejected;
    if (result.duplicates > 0) lines << tr("%n file(s) already in the list were skipped.", nullptr, result.duplicates);
    dropMessage_->setText(lines.join(QLatin1Char('\n')));
    dropMessage_->setVisible(!lines.isEmpty());
    for (const QString& line : result.rejected) qCWarning(lcGui).noquote() << "Stack: not added:" << line;
    if (result.added > 0) emit statusMessage(tr("Added %n FITS file(s); reading headers…", nullptr, result.added));
    if (result.added > 0 && outputPath().isEmpty()) setOutputPath(defaultOutputPath());
    updateEnabled();
}

QString StackTab::dropMessage() const { return dropMessage_->isVisible() ? dropMessage_->text() : QString(); }

QString StackTab::outputPath() const { return output_->text().trimmed(); }

void StackTab::setOutputPath(const QString& path) { output_->setText(path); }

QString StackTab::defaultOutputPath() const {
    const QStringList frames = model_->paths();
    if (frames.isEmpty()) return {};
    return QDir::toNativeSeparators(QFileInfo(frames.first()).absoluteDir().filePath(QStringLiteral("stacked.fits")));
}

void StackTab::saveSettings(AppSettings& settings) const {
    JobTab::saveSettings(settings);
    settings.setValue(objectName() + QStringLiteral("/frames"), model_->paths());
}

void StackTab::restoreSettings(const AppSettings& settings) {
    JobTab::restoreSettings(settings);
    // The frame list comes back (files deleted since are left out silently).
    QStringList frames;
    for (const QString& path : settings.value(objectName() + QStringLiteral("/frames")).toStringList())
        if (QFileInfo::exists(path)) frames << path;
    if (!frames.isEmpty()) model_->addPaths(frames);
}

void StackTab::setAlignment(const QString& mode) {
    if (const int i = alignment_->findData(mode); i >= 0) alignment_->setCurrentIndex(i);
}

void StackTab::setTracking(const QString& objectName, const QString& ephemerisPath, bool enabled) {
    tracking_->setChecked(enabled);
    objectName_->setText(objectName);
    useEphemeris_->setChecked(true);
    ephemeris_->setText(ephemerisPath);
}

void StackTab::chooseFiles() {
    const QStringList files =
        QFileDialog::getOpenFileNames(this, tr("Add FITS frames"), RecentFolder::path(), FitsFileListModel::nameFilter());
    if (files.isEmpty()) return;
    RecentFolder::remember(files.first());
    addPaths(files);
}

void StackTab::chooseFolder() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Add a folder of FITS frames"), RecentFolder::path());
    if (dir.isEmpty()) return;
    RecentFolder::remember(dir);
    addPaths({dir});
}

void StackTab::removeSelected() {
    QStringList paths;
    for (const QModelIndex& index : table_->selectionModel()->selectedRows())
        paths << index.data(FitsFileListModel::PathRole).toString();
    model_->removePaths(paths);
}

std::shared_ptr<Job> StackTab::createJob(QString& error) {
    if (model_->pendingCount() > 0) {
        error = tr("Still reading FITS headers; try again in a moment.");
        return nullptr;
    }
    StackForm form;
    for (const QString& path : model_->usablePaths()) form.params.inputs.emplace_back(path.toStdString());
    form.params.output = outputPath().toStdString();
    const auto method = parseCombineMethod(method_->currentData().toString().toStdString());
    const auto rejection = parseRejectionMethod(rejection_->currentData().toString().toStdString());
    form.params.combine.method = method.value_or(CombineMethod::Median);
    form.params.combine.rejection.method = rejection.value_or(RejectionMethod::None);
    form.params.combine.rejection.sigmaLow = sigmaLow_->value();
    form.params.combine.rejection.sigmaHigh = sigmaHigh_->value();
    form.params.combine.rejection.maxIterations = iterations_->value();
    form.params.memoryLimitBytes = static_cast<std::uint64_t>(memoryLimit_->value() * 1024.0 * 1024.0 * 1024.0);
    form.params.chunkSize = chunkSize_->value();
    form.params.forceChunked = forceChunked_->isChecked();
    form.params.threads = workers()->requested();
    form.alignment = alignment_->currentData().toString();
    form.track = tracking_->isChecked();
    form.objectName = objectName_->text().trimmed();
    form.ephemeris = useEphemeris_->isChecked() ? ephemeris_->text().trimmed() : QString();
    form.rateArcsecPerMin = rate_->value();
    form.positionAngleDeg = positionAngle_->value();
    if (!outputPath().isEmpty() && !confirmOverwrite(outputPath())) {
        error = tr("Not started: the output exists.");
        return nullptr;
    }
    form.params.overwrite = true;  // confirmed above (or the file does not exist)
    auto job = buildStackJob(form, jobs()->memoryMonitor(), error);
    if (job) lastOutput_ = outputPath();
    return job;
}

void StackTab::onJobEnded(Job::State state, const QString&) {
    if (state == Job::State::Finished) loadResult(lastOutput_);
}

void StackTab::loadResult(const QString& fitsPath) {
    lastOutput_ = fitsPath;
    loadingPath_ = fitsPath;
    loadingResult_ = true;
    resultLoader_->setFuture(QtConcurrent::run([fitsPath] { return loadFitsForViewer(fitsPath); }));
}

void StackTab::previewFrame(const QString& fitsPath) {
    if (fitsPath.isEmpty()) return;
    loadingPath_ = fitsPath;
    loadingResult_ = false;
    resultLoader_->setFuture(QtConcurrent::run([fitsPath] { return loadFitsForViewer(fitsPath); }));
}

void StackTab::onImageLoaded() {
    const LoadedFitsImage loaded = resultLoader_->result();
    if (loaded.image.empty()) {
        qCWarning(lcGui).noquote() << "Could not show" << loadingPath_ << ":" << loaded.error;
        emit statusMessage(tr("Could not show %1: %2").arg(QFileInfo(loadingPath_).fileName(), loaded.error));
        return;
    }
    const QString caption = loadingResult_ ? QDir::toNativeSeparators(loadingPath_)
                                           : tr("Frame %1 (input, not the stack)").arg(QDir::toNativeSeparators(loadingPath_));
    viewer_->setImage(loaded.image, caption, loaded.wcs);
    if (loadingResult_) {
        openFolder_->setEnabled(true);
        emit resultShown(loadingPath_);
    } else {
        emit frameShown(loadingPath_);
    }
}

}  // namespace skyweave::gui
