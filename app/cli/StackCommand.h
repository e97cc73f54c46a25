#pragma once

#include <cstdint>
#include <optional>

#include "CliCommand.h"

namespace skyweave::cli {

/**
 * @brief `skyweave-cli stack FILE... -o OUT.fits [options]`: exact stacking within a memory limit.
 *
 * Fills a StackParams from the command line, runs the StackEngine with progress on stderr and
 * prints a summary (or JSON with --json) on stdout.
 */
class StackCommand : public CliCommand {
public:
    [[nodiscard]] QString name() const override { return QStringLiteral("stack"); }
    [[nodiscard]] QString summary() const override { return QStringLiteral("Stack FITS frames (median, clipped mean, ...) within a memory limit"); }
    int run(const QStringList& args, CliContext& ctx) override;
};

}  // namespace skyweave::cli
