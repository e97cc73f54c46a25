#pragma once

#include "common/CancelToken.h"
#include "common/ProgressSink.h"
#include "stack/StackParams.h"
#include "track/Registration.h"

namespace skyweave {

/**
 * @brief Registers a stack run's input files and writes the outcome into its StackParams.
 *
 * Reads each input's header (fits::FitsReader, header only), runs track::Registration (reading whole
 * frames one at a time only for star alignment) and fills `transforms`, `presetSkipReasons`,
 * `referenceIndex`, `alignMode`, `motionTracked`, `trackedObject` and `historyLines` (one line
 * per frame with its mid-exposure time, object shift and alignment residual). Used by the stack
 * CLI, the GUI's stack job and the tests, so all three register identically.
 * With align none and no motion it changes nothing and reads nothing.
 */
class StackRegistration {
public:
    static track::RegistrationResult apply(StackParams& stack, const track::RegistrationParams& params,
                                           ProgressSink& sink, const CancelToken& cancel);
};

}  // namespace skyweave
