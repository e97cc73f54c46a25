#pragma once

#include <QCommandLineParser>
#include <QJsonObject>
#include <QString>

#include "encode/EncodeParams.h"
#include "encode/VideoEncoder.h"

namespace skyweave::cli {

/**
 * @brief Adds the video encoding options shared by `interpolate` and `encode`:
 * --codec --crf --bitrate --preset --pix-fmt --fps --tune --keyint --encoder-threads --odd-size --overwrite.
 *
 * The output file itself (-o) stays with the command.
 */
void addEncoderOptions(QCommandLineParser& parser);

/**
 * @brief Fills `params` from the options added by addEncoderOptions() (after parser.parse()).
 *
 * Options not given keep EncodeParams' defaults, except --pix-fmt which defaults to "auto"
 * (yuv420p for h264/hevc/av1, lossless formats for ffv1, the profile's format for prores).
 * When params.outputPath is already set, the whole combination is also validated
 * (container, codec availability), so every refusal is a usage error before work starts.
 * @return empty on success, else the usage-error message (the caller prints it and exits 2).
 */
QString parseEncoderOptions(const QCommandLineParser& parser, encode::EncodeParams& params);

/// "29.97 fps (30000/1001)", "30 fps".
QString frameRateText(int fpsNum, int fpsDen);

/// "out.mp4: 200 frames 1920×1080 H.264 yuv420p, 30 fps, 6.667 s, 12.3 MB, 14760 kbit/s" (+ the size note).
QString encodeSummaryLine(const encode::EncodeSummary& summary);

/// The summary for `--json`: path, frames, fps, durationSeconds, bytes, bitrateKbps, codec, pixFmt, size,
/// note.
QJsonObject encodeSummaryJson(const encode::EncodeSummary& summary);

}  // namespace skyweave::cli
