#pragma once

#include <QStringList>
#include <QTextStream>

#include "common/CancelToken.h"

namespace skyweave::cli {

/**
 * @brief The whole of `skyweave-cli`: dispatches to a subcommand and returns the exit code.
 *
 * Separate from main() so that tests drive it with captured streams.
 * @param args full argument list, args[0] being the program name.
 */
int runCli(const QStringList& args, QTextStream& out, QTextStream& err, const CancelToken& cancel = {});

}  // namespace skyweave::cli
