#pragma once

#include <memory>
#include <vector>

#include "CliCommand.h"

namespace skyweave::cli {

/// Every subcommand, in the order `skyweave-cli --help` lists them.
std::vector<std::unique_ptr<CliCommand>> createCommands();

}  // namespace skyweave::cli
