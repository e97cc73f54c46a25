#pragma once

#include <QString>
#include <functional>

#include "jobs/Job.h"

namespace skyweave {

/**
 * @brief A Job around one callable, for short work a front end starts often — previews, header
 *        probes — that still wants the job model: a thread of the runner, a cancel that the work sees
 *        at its next check, progress, and exactly one terminal signal.
 *
 * The callable returns the summary line and keeps its own results (e.g. in a shared_ptr it captured);
 * it throws SkyweaveError on failure and CancelledError (cancel.throwIfCancelled()) when cancelled.
 */
class TaskJob : public Job {
    Q_OBJECT

public:
    using Task = std::function<QString(ProgressSink& progress, const CancelToken& cancel)>;

    TaskJob(QString title, Task task, QObject* parent = nullptr);

protected:
    QString execute() override;

private:
    Task task_;
};

}  // namespace skyweave
