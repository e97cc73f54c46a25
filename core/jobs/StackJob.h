#pragma once

#include <optional>

#include "jobs/Job.h"
#include "stack/StackRequest.h"

namespace skyweave {

class MemoryMonitor;

/**
 * @brief A stack run as a Job, for the GUI and the CLI alike: runStackRequest() with progress,
 *        cancel, memory signals and pressure handling.
 *
 * When given a MemoryMonitor, the engine's PressureGovernor follows it and lowers the strips in
 * flight under Low/Critical memory (and pauses reads at Critical); each change is emitted as
 * resourcesAdjusted() and Low/Critical samples as memoryWarning()/memoryCritical().
 */
class StackJob : public Job {
    Q_OBJECT

public:
    explicit StackJob(StackRequest request, MemoryMonitor* monitor = nullptr, QObject* parent = nullptr);

    [[nodiscard]] const StackRequest& request() const { return request_; }
    /// Set once the job finished.
    [[nodiscard]] const std::optional<StackOutcome>& outcome() const { return outcome_; }

protected:
    QString execute() override;

private:
    StackRequest request_;
    MemoryMonitor* monitor_;
    std::optional<StackOutcome> outcome_;
};

}  // namespace skyweave
