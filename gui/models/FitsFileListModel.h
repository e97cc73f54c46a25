#pragma once

#include <QAbstractTableModel>
#include <QStringList>
#include <optional>
#include <vector>

#include "fits/FitsHeaderSummary.h"
#include "stack/StackEligibility.h"

namespace skyweave {
class JobRunner;
}

namespace skyweave::gui {

/**
 * @brief The Stack tab's list of FITS frames: one row per file with its header summary and
 *        whether the stack will use it.
 *
 * addPaths() takes files and folders (a folder contributes its FITS files), keeps only FITS
 * names (.fits .fit .fts and their .fz / .gz forms), drops duplicates (same canonical path) and
 * reports every path it refused with the reason. Headers are read on the thread pool — the GUI
 * thread never opens a file; rows show "reading…" until their header is in. A row's status is
 * "ok" or "will skip" with the reason, from the engine's own judgeFrames() (core/stack/StackEligibility):
 * unreadable, a duplicate of an earlier row, no finite pixel, size differs from the reference frame,
 * or no celestial WCS when the alignment needs one.
 */
class FitsFileListModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { File, Dimensions, DateObs, Exposure, Filter, Status, ColumnCount };
    static constexpr int PathRole = Qt::UserRole + 1;
    static constexpr int UsableRole = Qt::UserRole + 2;
    /// What a column sorts by: numbers for size (pixels), DATE-OBS (MJD) and EXPTIME, else the text.
    static constexpr int SortRole = Qt::UserRole + 3;

    /// What addPaths() did. `rejected` lines read "name — reason".
    struct AddResult {
        int added = 0;
        int duplicates = 0;
        QStringList rejected;
    };

    explicit FitsFileListModel(QObject* parent = nullptr);
    ~FitsFileListModel() override;

    /// True for names Skyweave reads as FITS (case-insensitive).
    static bool isFitsName(const QString& fileName);
    /// "*.fits *.fit *.fts *.fz …" for file dialogs.
    static QString nameFilter();

    AddResult addPaths(const QStringList& paths);
    void removePaths(const QStringList& paths);
    void clear();

    /// Whether frames without a celestial WCS must be skipped (alignment or tracking by WCS).
    void setRequireWcs(bool require);

    [[nodiscard]] QStringList paths() const;
    /// Files the stack will use, in list order.
    [[nodiscard]] QStringList usablePaths() const;
    [[nodiscard]] int pendingCount() const;
    [[nodiscard]] QString statusText(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    /// Every header queued so far has been read.
    void headersRead();

private:
    struct Entry {
        QString path;
        QString key;  ///< canonical path, for de-duplication
        bool pending = true;
        FrameFacts facts;    ///< what the file says by itself, once read
        QString skipReason;  ///< the engine's verdict, filled by refreshStatus()
    };

    void startProbe(const QStringList& paths);
    void onProbeDone(std::vector<FrameFacts> probes);
    void refreshStatus();
    [[nodiscard]] QVariant sortValue(int row, int column) const;

    std::vector<Entry> entries_;
    bool requireWcs_ = false;
    JobRunner* probeRunner_ = nullptr;  ///< header probes run as jobs here
    bool probing_ = false;
    QStringList queued_;  ///< paths waiting for the next probe batch
};

}  // namespace skyweave::gui
