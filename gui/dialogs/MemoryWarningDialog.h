#pragma once

#include <QDialog>
#include <QStringList>

#include "memory/MemoryStats.h"

class QLabel;
class QPushButton;

namespace skyweave::gui {

/**
 * @brief The non-modal Critical-memory warning: what is happening, what Skyweave already did,
 *        and what the user can do. Updated in place while it is open; never stacked.
 */
class MemoryWarningDialog : public QDialog {
    Q_OBJECT

public:
    explicit MemoryWarningDialog(QWidget* parent = nullptr);

    /// Refreshes the three sections. `actions` are past-tense lines ("Reduced workers from 4 to 1 …").
    void setSituation(const MemoryStats& stats, const QStringList& actions, const QString& runningJob);

    [[nodiscard]] QString bodyText() const;

signals:
    void cancelJobRequested();
    void showMemoryPanelRequested();

private:
    QLabel* happening_ = nullptr;
    QLabel* done_ = nullptr;
    QLabel* advice_ = nullptr;
    QPushButton* cancelJob_ = nullptr;
};

}  // namespace skyweave::gui
