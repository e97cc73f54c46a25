#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

#include "memory/MemoryStats.h"

class QWidget;

namespace skyweave::gui {

class MemoryWarningDialog;

/**
 * @brief Turns memory samples into user-facing alerts without a dialog storm.
 *
 * An *episode* starts when the level first leaves Normal and ends when it is Normal again.
 * Critical opens the warning dialog at most once per episode (if the user closes it, the red
 * status bar stays; the dialog returns only in a later episode); while open it is refreshed.
 * Low (and Critical) ask for the non-blocking banner in the active tab; Normal clears it.
 * What the running job did about it (Job::resourcesAdjusted, PressureGovernor::adjusted) is
 * collected and shown in the dialog's "what Skyweave already did" section.
 */
class MemoryAlerts : public QObject {
    Q_OBJECT

public:
    explicit MemoryAlerts(QWidget* dialogParent, QObject* parent = nullptr);
    ~MemoryAlerts() override;

    [[nodiscard]] int dialogsShown() const { return dialogsShown_; }
    [[nodiscard]] MemoryWarningDialog* dialog() const;
    [[nodiscard]] QStringList actions() const { return actions_; }

    /// The job now running (its title), or empty when none. A new job starts a fresh action list.
    void setRunningJob(const QString& title);

public slots:
    void onStats(const skyweave::MemoryStats& stats);
    /// A past-tense line about what was reduced, e.g. "Reduced workers from 4 to 1 (memory critical)".
    void onAdjusted(const QString& what);

signals:
    /// `critical` asks for the red banner (memory critical), otherwise the orange one (low).
    void bannerRequested(QString text, bool critical);
    void bannerCleared();
    void cancelJobRequested();
    void showMemoryPanelRequested();

private:
    void refreshDialog();
    [[nodiscard]] QString bannerText(MemoryLevel level, const QString& figures) const;

    QWidget* dialogParent_;
    QPointer<MemoryWarningDialog> dialog_;
    MemoryStats last_;
    QStringList actions_;
    QString runningJob_;
    bool inEpisode_ = false;
    bool dialogShownThisEpisode_ = false;
    int dialogsShown_ = 0;
};

}  // namespace skyweave::gui
