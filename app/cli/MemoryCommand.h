#pragma once

#include "CliCommand.h"

namespace skyweave::cli {

/**
 * @brief `skyweave-cli memory [--json] [--watch SECONDS]`: the memory figures, level and thresholds.
 *
 * Reads through ProcReader (so SKYWEAVE_PROC_ROOT redirects it to fake files) and classifies with the
 * MemorySettings from the environment. --watch prints one line (or one JSON object) every SECONDS until
 * Ctrl-C, then exits 0.
 */
class MemoryCommand : public CliCommand {
public:
    [[nodiscard]] QString name() const override { return QStringLiteral("memory"); }
    [[nodiscard]] QString summary() const override {
        return QStringLiteral("Show memory available, the pressure level and the thresholds");
    }
    int run(const QStringList& args, CliContext& ctx) override;
};

}  // namespace skyweave::cli
