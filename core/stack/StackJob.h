#pragma once

#include <optional>

#include "jobs/Job.h"
#include "stack/StackParams.h"
#include "stack/StackResult.h"
#include "track/Registration.h"

namespace skyweave {

class MemoryMonitor;

/**
 * @brief A stack run as a Job for the GUI: progress, cancel, memory signals and pressure handling.
 *
 * Registration (alignment, motion tracking) runs first when set, filling the transforms and skip
 * reasons of the StackParams. When given a MemoryMonitor, a PressureGovernor follows it and the engine lowers the strips in
 * flight under Low/Critical memory (and pauses reads at Critical); each change is emitted as
 * resourcesAdjusted() and Low/Critical samples as memoryWarning()/memoryCritical().
 */
class StackJob : public Job {
    Q_OBJECT

public:
    explicit StackJob(StackParams params, MemoryMonitor* monitor = nullptr, QObject* parent = nullptr);

    [[nodiscard]] const StackParams& params() const { return params_; }
    /// Alignment / motion tracking to run first (core/track); default: none (pre-registered frames).
    void setRegistration(track::RegistrationParams registration) { registration_ = std::move(registration); }
    /// Set once the job finished.
    [[nodiscard]] const std::optional<StackResult>& result() const { return result_; }

protected:
    QString execute() override;

private:
    StackParams params_;
    MemoryMonitor* monitor_;
    track::RegistrationParams registration_;
    std::optional<StackResult> result_;
};

}  // namespace skyweave
