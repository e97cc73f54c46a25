#include "CommandRegistry.h"

#include "DemoCommand.h"
#include "InterpolateCommand.h"
#include "MemoryCommand.h"
#include "SampleCommand.h"
#include "StackCommand.h"

namespace skyweave::cli {

std::vector<std::unique_ptr<CliCommand>> createCommands() {
    std::vector<std::unique_ptr<CliCommand>> commands;
    // One line per command; keep the order of `skyweave-cli --help`.
    commands.push_back(std::make_unique<SampleCommand>());
    commands.push_back(std::make_unique<DemoCommand>());
    commands.push_back(std::make_unique<InterpolateCommand>());
    commands.push_back(std::make_unique<EncodeCommand>());
    commands.push_back(std::make_unique<MemoryCommand>());
    commands.push_back(std::make_unique<StackCommand>());
    return commands;
}

}  // namespace skyweave::cli
