#pragma once

#include <filesystem>
#include <vector>

#include "common/ParamSchema.h"
#include "interp/InterpolateRequest.h"

namespace skyweave {

/// Every interpolation parameter a user can set, with the video ones: `skyweave-cli interpolate`, the
/// Interpolate tab and the remembered settings all come from this list.
const ParamSchema& interpolateSchema();

/// The same without the interpolation itself (`skyweave-cli encode`: frames pass through unchanged).
const ParamSchema& encodeSchema();

/**
 * @brief The request the values describe for `inputs` (files and/or folders).
 *
 * A video to the `output` key, or PNG frames to `frames-out` (exactly one of the two). Without a
 * memory-limit value the budget is the environment's (SKYWEAVE_MAX_MEMORY_MB or 1000 MB).
 * @throws ParamError naming the parameter whose value cannot be used.
 */
InterpolateRequest interpolateRequestFromValues(const ParamSchema& schema, const ParamValues& values,
                                                std::vector<std::filesystem::path> inputs);

}  // namespace skyweave
