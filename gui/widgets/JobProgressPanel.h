#pragma once

#include <QWidget>

#include "jobs/JobProgress.h"

class QProgressBar;
class QPushButton;

namespace skyweave::gui {

class ElidedLabel;

/**
 * @brief Start / Cancel buttons, a progress bar and a line with stage, rate and ETA.
 *
 * Pure view: the tab connects Start to its job factory and forwards the job's signals to
 * setRunning/setProgress/setFinished. `unit` names what is counted ("frames", "strips").
 */
class JobProgressPanel : public QWidget {
    Q_OBJECT

public:
    JobProgressPanel(const QString& startText, const QString& unit, QWidget* parent = nullptr);

    [[nodiscard]] QPushButton* startButton() const { return start_; }
    [[nodiscard]] QPushButton* cancelButton() const { return cancel_; }
    /// The whole status line (the label may show it elided).
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] bool isRunning() const { return running_; }

    /// Formats "12 / 40 frames · 3.4 frames/s · 8 s left · Interpolating pair 7/23".
    static QString progressText(const JobProgress& progress, const QString& unit);

public slots:
    void setRunning(bool running);
    void setProgress(const skyweave::JobProgress& progress);
    /// Ends a run with a message; `ok` false colours it as an error.
    void setResult(const QString& message, bool ok);
    /// Back to "Ready." with an empty bar (new inputs: the last run's result no longer applies).
    void reset();

signals:
    void startRequested();
    void cancelRequested();

private:
    QString unit_;
    QPushButton* start_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QProgressBar* bar_ = nullptr;
    ElidedLabel* status_ = nullptr;
    bool running_ = false;
};

}  // namespace skyweave::gui
