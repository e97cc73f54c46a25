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

#include "JobController.h"
#include "LatestTask.h"
#include "AppSettings.h"
#include "LogHub.h"
#include "RecentFolder.h"
#include "models/FitsFileListModel.h"
#include "stack/StackSchema.h"
#include "tabs/StackJobBuilder.h"
#include "widgets/ImageViewerPanel.h"
#include "widgets/JobProgressPanel.h"
#include "widgets/PathField.h"
#include "widgets/SchemaForm.h"
#include "widgets/WorkersControl.h"

namespace skyweave::gui {

StackTab::StackTab(JobController* jobs, QWidget* parent) : JobTab(jobs, tr("Stack"), tr("rows"), parent) {
    setObjectName(QStringLiteral("stack"));
    model_ = new FitsFileListModel(this);
    imageLoader_ = new LatestTask(this);
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
    auto* panel = new QWidget(this);
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 4, 0);
    // The stack schema drives the controls: the same names, ranges and defaults as `skyweave-cli stack`.
    form_ = new SchemaForm(stackSchema(), {"output", "overwrite", "threads"}, panel);
    form_->setGroupOptional("Tracking", tr("Track a moving object"), false);
    form_->group("Tracking")->setObjectName(QStringLiteral("tracking"));
    form_->addRow("Memory and speed", tr("Workers"), workers());
    auto* outputField = new PathField(PathField::SaveFile, tr("FITS image (*.fits)"), panel);
    output_ = outputField->lineEdit();
    output_->setObjectName(QStringLiteral("output"));
    output_->setPlaceholderText(tr("stacked.fits"));
    form_->addRow("Output", tr("File"), outputField);
    openFolder_ = new QPushButton(QIcon(QStringLiteral(":/icons/folder.svg")), tr("Open output folder"), panel);
    openFolder_->setEnabled(false);
    form_->addRow("Output", QString(), openFolder_);
    layout->addWidget(form_);
    layout->addStretch(1);

    connect(openFolder_, &QPushButton::clicked, this, [this] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(outputPath()).absolutePath()));
    });
    connect(form_, &SchemaForm::changed, this, &StackTab::onFormChanged);
    onFormChanged();
    return panel;
}

void StackTab::onFormChanged() {
    // What the two bounds mean follows the rejection (sigma factors, counts to drop, kept values).
    const QString reject = qobject_cast<QComboBox*>(form_->control("reject"))->currentData().toString();
    for (const char* key : {"sigma-low", "sigma-high"}) {
        auto* bound = qobject_cast<QDoubleSpinBox*>(form_->control(key));
        bound->setEnabled(reject != QLatin1String("none"));
        bound->setSuffix(reject == QLatin1String("minmax") ? tr(" values") : reject == QLatin1String("range") ? QString() : tr(" σ"));
        bound->setDecimals(reject == QLatin1String("minmax") ? 0 : 3);
    }
    form_->control("iterations")->setEnabled(reject == QLatin1String("sigma") || reject == QLatin1String("winsorized"));
    const QString align = qobject_cast<QComboBox*>(form_->control("align"))->currentData().toString();
    model_->setRequireWcs(align == QLatin1String("wcs") || form_->group("Tracking")->isChecked());
    updateEnabled();
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

QString StackTab::dropMessage() const { return dropMessage_->isHidden() ? QString() : dropMessage_->text(); }

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
    // The frame list comes back; files deleted or moved since are named under the list ("file not found"),
    // as for a drop, instead of vanishing without a word.
    const QStringList frames = settings.value(objectName() + QStringLiteral("/frames")).toStringList();
    if (!frames.isEmpty()) addPaths(frames);
}

void StackTab::setAlignment(const QString& mode) { form_->setValues({{"align", mode.toStdString()}}); }

void StackTab::setTracking(const QString& objectName, const QString& ephemerisPath, bool enabled) {
    form_->group("Tracking")->setChecked(enabled);
    form_->setValues({{"object", objectName.toStdString()}, {"ephemeris", ephemerisPath.toStdString()}, {"rate", ""}});
}

ParamValues StackTab::formValues() const {
    ParamValues values = form_->values();
    values["threads"] = std::to_string(workers()->requested());
    values["output"] = outputPath().toStdString();
    return values;
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
    ParamValues values = formValues();
    if (!outputPath().isEmpty() && !confirmOverwrite(outputPath())) {
        error = tr("Not started: the output exists.");
        return nullptr;
    }
    values["overwrite"] = "true";  // confirmed above (or the file does not exist)
    auto job = buildStackJob(values, model_->usablePaths(), jobs()->memoryMonitor(),
                             [this](const std::string& key) { return form_->labelFor(key); }, error);
    if (job) lastOutput_ = outputPath();
    return job;
}

void StackTab::onJobEnded(Job::State state, const QString&) {
    if (state == Job::State::Finished) loadResult(lastOutput_);
}

void StackTab::loadResult(const QString& fitsPath) {
    lastOutput_ = fitsPath;
    showFits(fitsPath, true);
}

void StackTab::previewFrame(const QString& fitsPath) {
    if (fitsPath.isEmpty()) return;
    showFits(fitsPath, false);
}

void StackTab::showFits(const QString& fitsPath, bool isResult) {
    loadingPath_ = fitsPath;
    loadingResult_ = isResult;
    auto loaded = std::make_shared<LoadedFitsImage>();
    imageLoader_->run(
        tr("Loading %1").arg(QFileInfo(fitsPath).fileName()),
        [fitsPath, loaded](const CancelToken&) { *loaded = loadFitsForViewer(fitsPath); },
        [this, loaded] { onImageLoaded(*loaded); },
        [this](const QString& error) {
            LoadedFitsImage failed;
            failed.error = error;
            onImageLoaded(failed);
        });
}

void StackTab::onImageLoaded(const LoadedFitsImage& loaded) {
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
