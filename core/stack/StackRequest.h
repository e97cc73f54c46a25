#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/CancelToken.h"
#include "common/ProgressSink.h"
#include "stack/StackParams.h"
#include "stack/StackResult.h"
#include "track/Registration.h"

namespace skyweave {

class PressureGovernor;

/// How per-frame weights are chosen when no explicit list is given.
enum class FrameWeighting {
    Equal,     ///< every frame counts once
    Exposure,  ///< weight ∝ EXPTIME (a 120 s frame counts twice a 60 s one); frames without EXPTIME are refused
};

/// One whole stack run as the GUI and the CLI describe it: inputs, how to register and combine, where to.
struct StackRequest {
    StackParams stack;                       ///< inputs, output, combine, memory; transforms are filled by registration
    track::RegistrationParams registration;  ///< alignment and motion tracking (none by default)
    FrameWeighting weighting = FrameWeighting::Equal;  ///< used when stack.weights is empty
    /// Plan within the memory cgroup's room when it is smaller than the limit (off only for tests of the plan).
    bool fitToCgroup = true;
};

/// What a run produced, with each stage's time so front ends can say where the time went.
struct StackOutcome {
    StackResult result;
    std::vector<std::string> notes;  ///< warnings worth showing (limit lowered, reference changed, …)
    double registrationSeconds = 0.0;
    double combineSeconds = 0.0;
};

/// Hooks for the caller: extra preparation of the frames and a look at the governor before the combine.
struct StackHooks {
    /**
     * Runs after validation and before registration, with the final inputs: the place where
     * calibration (bias, dark, flat) plugs in. It may change `params` (inputs, history lines).
     */
    std::function<void(StackParams& params, ProgressSink& progress, const CancelToken& cancel)> prepare;
    /// Connect memory monitor signals to the governor (the Job does), tests feed levels.
    std::function<void(PressureGovernor&)> onGovernor;
};

/**
 * @brief Refuses a request no run could satisfy, before any file is read.
 * @throws SkyweaveError(BadInput) naming what is wrong (too few inputs, no output, bad weights …).
 */
void validateStackRequest(const StackRequest& request);

/**
 * @brief Validates, fits the limit to the cgroup, registers, combines and writes: the one code path
 *        behind `skyweave-cli stack` and the GUI's StackJob.
 * @throws SkyweaveError / CancelledError; no output remains on either.
 */
StackOutcome runStackRequest(const StackRequest& request, ProgressSink& progress, const CancelToken& cancel,
                             const StackHooks& hooks = {});

/// "Stacked 14 frames (2 skipped) into out.fits in 3.2 s (registration 1.1 s, combine 2.1 s)".
std::string stackSummaryLine(const StackOutcome& outcome);

}  // namespace skyweave
