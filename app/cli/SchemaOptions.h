#pragma once

#include <QCommandLineParser>
#include <QString>
#include <set>
#include <string>

#include "common/ParamSchema.h"

namespace skyweave::cli {

/**
 * @brief The command-line options of a schema: `--key` (and `-x` where the spec has a short name)
 *        with the spec's help, default, range and choices in the --help text.
 *
 * `skip` names keys a command does not offer (e.g. encode has no --factor).
 */
void addSchemaOptions(QCommandLineParser& parser, const ParamSchema& schema, const std::set<std::string>& skip = {});

/// The values given on the command line, keyed as in the schema (flags as "true"); defaults are not added.
ParamValues schemaValues(const QCommandLineParser& parser, const ParamSchema& schema, const std::set<std::string>& skip = {});

/// "--sigma-low must be …": a ParamError as the command line shows it.
QString optionMessage(const ParamError& error);

}  // namespace skyweave::cli
