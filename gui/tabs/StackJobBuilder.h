#pragma once

#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

#include "common/ParamSchema.h"
#include "jobs/Job.h"

namespace skyweave {
class MemoryMonitor;
}

namespace skyweave::gui {

/**
 * @brief The stacking job for the form's values (stack schema keys) over `inputs`, following
 *        `monitor`; nullptr with `error` saying what to fix, in the form's words.
 *
 * The request comes from the same stackRequestFromValues() the command line uses, so a form and a
 * `skyweave-cli stack` with the same values run the same stack. `labelFor` names a parameter in
 * messages (the form's label rather than the command-line option).
 */
std::shared_ptr<Job> buildStackJob(const ParamValues& values, const QStringList& inputs, MemoryMonitor* monitor,
                                   const std::function<QString(const std::string&)>& labelFor, QString& error);

}  // namespace skyweave::gui
