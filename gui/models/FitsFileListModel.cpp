#include "models/FitsFileListModel.h"

#include <QBrush>
#include <QColor>
#include <QDir>
#include <QFileInfo>
#include <algorithm>
#include <exception>


#include "jobs/JobRunner.h"
#include "jobs/TaskJob.h"

namespace skyweave::gui {

namespace {

const QStringList& fitsSuffixes() {
    static const QStringList kSuffixes{".fits", ".fit", ".fts", ".fz", ".fits.gz", ".fit.gz", ".fts.gz"};
    return kSuffixes;
}

}  // namespace

FitsFileListModel::FitsFileListModel(QObject* parent) : QAbstractTableModel(parent) {
    probeRunner_ = new JobRunner(1, this);
}

FitsFileListModel::~FitsFileListModel() {
    probeRunner_->cancelAll();
    probeRunner_->waitForDone();
}

bool FitsFileListModel::isFitsName(const QString& fileName) {
    const QString lower = fileName.toLower();
    return std::any_of(fitsSuffixes().begin(), fitsSuffixes().end(),
                       [&](const QString& s) { return lower.endsWith(s); });
}

QString FitsFileListModel::nameFilter() {
    QStringList patterns;
    for (const auto& s : fitsSuffixes()) patterns << QLatin1Char('*') + s;
    return tr("FITS images (%1)").arg(patterns.join(QLatin1Char(' ')));
}

FitsFileListModel::AddResult FitsFileListModel::addPaths(const QStringList& paths) {
    AddResult result;
    QStringList files;
    for (const QString& path : paths) {
        const QFileInfo info(path);
        if (info.isDir()) {
            const auto found = QDir(path).entryInfoList(QDir::Files | QDir::Readable, QDir::Name);
            int before = static_cast<int>(files.size());
            for (const auto& f : found)
                if (isFitsName(f.fileName())) files << f.absoluteFilePath();
            if (files.size() == before)
                result.rejected << tr("%1 — folder has no FITS files (.fits .fit .fts .fz)").arg(info.fileName());
        } else if (!info.exists()) {
            result.rejected << tr("%1 — file not found").arg(info.fileName());
        } else if (!isFitsName(info.fileName())) {
            result.rejected << tr("%1 — not a FITS file (expected .fits .fit .fts or .fz)").arg(info.fileName());
        } else {
            files << info.absoluteFilePath();
        }
    }
    QStringList added;
    for (const QString& file : files) {
        const QString key = QFileInfo(file).canonicalFilePath();
        const bool known = std::any_of(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.key == key; });
        if (known) {
            ++result.duplicates;
            continue;
        }
        const int row = static_cast<int>(entries_.size());
        beginInsertRows({}, row, row);
        entries_.push_back(Entry{file, key});
        endInsertRows();
        added << file;
    }
    result.added = static_cast<int>(added.size());
    if (!added.isEmpty()) startProbe(added);
    return result;
}

void FitsFileListModel::startProbe(const QStringList& paths) {
    queued_ << paths;
    if (probing_) return;  // onProbeDone() starts the next batch
    const QStringList batch = std::exchange(queued_, {});
    auto facts = std::make_shared<std::vector<FrameFacts>>();
    // A job like any other (cancelled when the model goes away), on a runner of its own so that reading
    // headers never waits behind a running stack.
    auto job = std::make_shared<TaskJob>(tr("Reading FITS headers"), [batch, facts](ProgressSink& progress, const CancelToken& cancel) {
        for (const QString& path : batch) {
            cancel.throwIfCancelled();
            facts->push_back(inspectFrame(path.toStdString()));
            progress.report({static_cast<std::int64_t>(facts->size()), batch.size(), "Reading FITS headers"});
        }
        return QString();
    });
    connect(job.get(), &Job::finished, this, [this, facts] { onProbeDone(std::move(*facts)); });
    connect(job.get(), &Job::failed, this, [this, batch, facts](const QString& error) {
        // Out of memory or the like: the files not read yet say why instead of staying "reading…".
        for (auto i = static_cast<qsizetype>(facts->size()); i < batch.size(); ++i) {
            FrameFacts f;
            f.path = batch[i].toStdString();
            f.error = error.toStdString();
            facts->push_back(std::move(f));
        }
        onProbeDone(std::move(*facts));
    });
    probing_ = true;
    probeRunner_->submit(std::move(job));
}

void FitsFileListModel::onProbeDone(std::vector<FrameFacts> probes) {
    probing_ = false;
    for (auto& probe : probes) {
        const QString path = QString::fromStdString(probe.path.string());
        auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.path == path; });
        if (it == entries_.end()) continue;  // removed meanwhile
        it->pending = false;
        it->facts = std::move(probe);
    }
    refreshStatus();
    if (!queued_.isEmpty()) startProbe({});
    else emit headersRead();
}

void FitsFileListModel::refreshStatus() {
    // The engine's own rules over the rows read so far, in list order: a row says what the stack will do.
    std::vector<FrameFacts> facts;
    std::vector<Entry*> judged;
    for (auto& e : entries_) {
        e.skipReason.clear();
        if (e.pending) continue;
        facts.push_back(e.facts);
        judged.push_back(&e);
    }
    EligibilityRules rules;
    rules.requireCelestialWcs = requireWcs_;
    const auto verdicts = judgeFrames(facts, rules);
    for (std::size_t i = 0; i < judged.size(); ++i) judged[i]->skipReason = QString::fromStdString(verdicts[i].reason);
    if (!entries_.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void FitsFileListModel::setRequireWcs(bool require) {
    if (require == requireWcs_) return;
    requireWcs_ = require;
    refreshStatus();
}

void FitsFileListModel::removePaths(const QStringList& paths) {
    for (const QString& path : paths) {
        auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.path == path; });
        if (it == entries_.end()) continue;
        const int row = static_cast<int>(it - entries_.begin());
        beginRemoveRows({}, row, row);
        entries_.erase(it);
        endRemoveRows();
    }
    refreshStatus();
}

void FitsFileListModel::clear() {
    beginResetModel();
    entries_.clear();
    endResetModel();
}

QStringList FitsFileListModel::paths() const {
    QStringList out;
    for (const auto& e : entries_) out << e.path;
    return out;
}

QStringList FitsFileListModel::usablePaths() const {
    QStringList out;
    for (const auto& e : entries_)
        if (!e.pending && e.skipReason.isEmpty()) out << e.path;
    return out;
}

int FitsFileListModel::pendingCount() const {
    return static_cast<int>(std::count_if(entries_.begin(), entries_.end(), [](const Entry& e) { return e.pending; }));
}

QString FitsFileListModel::statusText(int row) const {
    const Entry& e = entries_.at(static_cast<std::size_t>(row));
    if (e.pending) return tr("reading…");
    return e.skipReason.isEmpty() ? tr("ok") : tr("will skip: %1").arg(e.skipReason);
}

int FitsFileListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(entries_.size());
}

int FitsFileListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant FitsFileListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const Entry& e = entries_[static_cast<std::size_t>(index.row())];
    const auto& s = e.facts.summary;
    if (role == PathRole) return e.path;
    if (role == UsableRole) return !e.pending && e.skipReason.isEmpty();
    if (role == SortRole) return sortValue(index.row(), index.column());
    if (role == Qt::ToolTipRole) return index.column() == Status ? statusText(index.row()) : e.path;
    if (role == Qt::ForegroundRole && index.column() == Status && !e.pending && !e.skipReason.isEmpty())
        return QBrush(QColor(0xc6, 0x28, 0x28));
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case File: return QFileInfo(e.path).fileName();
    case Dimensions: return s ? QStringLiteral("%1 × %2").arg(s->width).arg(s->height) : QString();
    case DateObs: return s ? QString::fromStdString(s->dateObs) : QString();
    case Exposure: return s && s->exposureSeconds ? QStringLiteral("%1 s").arg(*s->exposureSeconds, 0, 'g', 6) : QString();
    case Filter: return s ? QString::fromStdString(s->filter) : QString();
    case Status: return statusText(index.row());
    default: return {};
    }
}

QVariant FitsFileListModel::sortValue(int row, int column) const {
    const Entry& e = entries_[static_cast<std::size_t>(row)];
    const auto& s = e.facts.summary;
    switch (column) {
    case Dimensions: return s ? static_cast<qlonglong>(s->width) * s->height : -1;  // by pixel count
    case DateObs: return s && s->dateObsMjd ? *s->dateObsMjd : -1.0;  // by time, not by text
    case Exposure: return s && s->exposureSeconds ? *s->exposureSeconds : -1.0;
    default: return data(index(row, column), Qt::DisplayRole).toString().toLower();
    }
}

QVariant FitsFileListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case File: return tr("File");
    case Dimensions: return tr("Size");
    case DateObs: return tr("DATE-OBS");
    case Exposure: return tr("EXPTIME");
    case Filter: return tr("Filter");
    case Status: return tr("Status");
    default: return {};
    }
}

}  // namespace skyweave::gui
