#pragma once

#include <filesystem>
#include <vector>

#include "common/ParamSchema.h"
#include "stack/StackRequest.h"

namespace skyweave {

/**
 * @brief Every stack parameter a user can set: `skyweave-cli stack`'s options, the Stack tab's form,
 *        the remembered settings and the man page all come from this one list.
 */
const ParamSchema& stackSchema();

/**
 * @brief The request the values describe, for `inputs` in the given order.
 *
 * The one mapping from what a user typed or picked to StackParams and RegistrationParams: what
 * `--sigma-low`/`--sigma-high` mean for each rejection (sigma factors, counts to drop, or absolute
 * bounds), weights, tracking and the reference frame.
 * @throws ParamError naming the parameter whose value cannot be used.
 */
StackRequest stackRequestFromValues(const ParamValues& values, std::vector<std::filesystem::path> inputs);

}  // namespace skyweave
