#pragma once

#include "CliCommand.h"

namespace skyweave::cli {

/**
 * @brief `skyweave-cli demo [--out DIR]`: writes the sample data, then runs the product's main jobs on it.
 *
 * The jobs are the `stack` (stars, and tracking the asteroid) and `interpolate` (4× to MP4) commands,
 * looked up by name in the command registry and run in process. A command this build does not have yet
 * is reported as not available and skipped, so the demo works at every stage of the product. A job
 * that runs and fails is reported and the demo goes on; the exit code is then 1.
 */
class DemoCommand final : public CliCommand {
public:
    [[nodiscard]] QString name() const override { return QStringLiteral("demo"); }
    [[nodiscard]] QString summary() const override {
        return QStringLiteral("Write the sample data and run stacking and interpolation on it");
    }
    int run(const QStringList& args, CliContext& ctx) override;
};

}  // namespace skyweave::cli
