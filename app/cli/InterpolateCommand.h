#pragma once

#include "CliCommand.h"

namespace skyweave {
class ParamSchema;
}

namespace skyweave::cli {

/**
 * @brief `skyweave-cli interpolate INPUT... (-o OUT | --frames-out DIR)`: optical-flow interpolation of an
 * image sequence, streamed to the in-process encoder or to numbered PNGs, run as an InterpolateJob.
 */
class InterpolateCommand : public CliCommand {
public:
    [[nodiscard]] QString name() const override { return QStringLiteral("interpolate"); }
    [[nodiscard]] QString summary() const override;
    int run(const QStringList& args, CliContext& ctx) override;

protected:
    /// The parameters this command offers (encode: the same without the interpolation).
    [[nodiscard]] virtual const ParamSchema& schema() const;
    [[nodiscard]] virtual QString description() const;
};

/// `skyweave-cli encode INPUT... -o OUT`: the frames into a video unchanged (interpolation factor 1).
class EncodeCommand final : public InterpolateCommand {
public:
    [[nodiscard]] QString name() const override { return QStringLiteral("encode"); }
    [[nodiscard]] QString summary() const override;

protected:
    [[nodiscard]] const ParamSchema& schema() const override;
    [[nodiscard]] QString description() const override;
};

}  // namespace skyweave::cli
