#pragma once

#include <string>
#include <vector>

namespace skyweave::track {

struct RegistrationParams;
struct RegistrationResult;

/**
 * @brief Plausibility checks on a finished registration: results that are computed correctly
 *        from the headers but almost certainly not what the user meant.
 *
 * - Motion tracking on frames that all carry the same time: every shift is 0 px, so the object is
 *   not followed at all (DATE-OBS copied, or the time written when the file was converted).
 * - WCS alignment where every frame maps onto the reference with no shift at all: the frames
 *   carry one WCS copied to all of them rather than one solved for each, so nothing is aligned.
 *
 * Returns warning lines (empty when nothing looks wrong); Registration::compute adds them to
 * RegistrationResult::notes, which the CLI, the GUI log and the output HISTORY show.
 */
[[nodiscard]] std::vector<std::string> registrationWarnings(const RegistrationResult& result,
                                                            const RegistrationParams& params);

}  // namespace skyweave::track
