#pragma once

#include <QObject>
#include <QString>
#include <functional>
#include <memory>

#include "common/CancelToken.h"

namespace skyweave {
class Job;
class JobRunner;
}  // namespace skyweave

namespace skyweave::gui {

/**
 * @brief Runs the latest request of one kind of preview work (a pair to interpolate, an image to show)
 *        as a TaskJob on a runner of its own, beside and never behind a running main job.
 *
 * A newer run() cancels the one still running, whose callbacks are then never called: what the user
 * sees always answers the latest request. `work` runs on the runner's thread and gets the job's cancel
 * token; `done` or `failed` run afterwards on this object's (the GUI) thread.
 */
class LatestTask : public QObject {
    Q_OBJECT

public:
    explicit LatestTask(QObject* parent = nullptr);
    ~LatestTask() override;  ///< cancels what runs and waits for it

    void run(const QString& title, std::function<void(const CancelToken&)> work, std::function<void()> done,
             std::function<void(const QString& error)> failed);
    [[nodiscard]] bool isBusy() const { return current_ != nullptr; }

private:
    JobRunner* runner_;
    std::shared_ptr<Job> current_;
};

}  // namespace skyweave::gui
