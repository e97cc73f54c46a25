#pragma once

#include <vector>

#include "common/ParamSchema.h"
#include "encode/EncodeParams.h"

namespace skyweave::encode {

/// The video parameters (codec, quality, rate, …) every encoding command and form offers.
std::vector<ParamSpec> encodeParamSpecs();

/**
 * @brief EncodeParams for the values (keys of encodeParamSpecs()) and `outputPath`, checked against the
 *        codec rules.
 * @throws ParamError naming the parameter; SkyweaveError for combinations the codec refuses.
 */
EncodeParams encodeParamsFromValues(const ParamSchema& schema, const ParamValues& values, std::string outputPath);

}  // namespace skyweave::encode
