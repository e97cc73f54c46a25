#pragma once

#include "CliCommand.h"

namespace skyweave::cli {

/// `skyweave-cli sample --out DIR`: writes the synthetic FITS sequence and satellite loop.
class SampleCommand final : public CliCommand {
public:
    [[nodiscard]] QString name() const override { return QStringLiteral("sample"); }
    [[nodiscard]] QString summary() const override {
        return QStringLiteral("Write the sample data: a FITS sequence with an asteroid and a cloud loop");
    }
    int run(const QStringList& args, CliContext& ctx) override;
};

}  // namespace skyweave::cli
