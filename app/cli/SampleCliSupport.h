#pragma once

#include <QCommandLineParser>
#include <QJsonObject>
#include <QString>
#include <QTextStream>
#include <optional>

#include "CliCommand.h"
#include "common/ProgressSink.h"
#include "sample/SampleGenerator.h"

namespace skyweave::cli {

/// A path as QString, for printing.
QString qpath(const std::filesystem::path& path);

/// Adds the options `sample` and `demo` share: --fits-frames, --loop-frames, --seed.
void addSampleSizeOptions(QCommandLineParser& parser);

/// Copies those options into `options`; returns a usage message when a value is invalid.
std::optional<QString> applySampleSizeOptions(const QCommandLineParser& parser, sample::SampleOptions& options);

/// "Wrote …" lines naming every folder and file kind the sample run produced.
void printSampleManifest(QTextStream& out, const sample::SampleManifest& manifest,
                         const sample::SampleOptions& options);

/// The manifest as JSON for `--json`.
QJsonObject sampleManifestJson(const sample::SampleManifest& manifest);

}  // namespace skyweave::cli
