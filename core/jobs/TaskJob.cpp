#include "jobs/TaskJob.h"

namespace skyweave {

TaskJob::TaskJob(QString title, Task task, QObject* parent) : Job(std::move(title), parent), task_(std::move(task)) {}

QString TaskJob::execute() { return task_(*this, cancelToken()); }

}  // namespace skyweave
