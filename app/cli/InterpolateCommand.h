#pragma once

#include "CliCommand.h"

namespace skyweave::cli {

/**
 * @brief `skyweave-cli interpolate INPUT... (-o OUT | --frames-out DIR)`: optical-flow interpolation of an
 * image sequence, streamed to the in-process encoder or to numbered PNGs.
 *
 * With `passThrough` the same command serves as `skyweave-cli encode` (factor fixed at 1, no
 * interpolation options).
 */
class InterpolateCommand : public CliCommand {
public:
    explicit InterpolateCommand(bool passThrough = false) : passThrough_(passThrough) {}
    [[nodiscard]] QString name() const override;
    [[nodiscard]] QString summary() const override;
    int run(const QStringList& args, CliContext& ctx) override;

private:
    bool passThrough_;
};

}  // namespace skyweave::cli
