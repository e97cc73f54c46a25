#pragma once

#include <QJsonObject>
#include <QString>

#include "encode/VideoEncoder.h"

namespace skyweave::cli {

/// "29.97 fps (30000/1001)", "30 fps".
QString frameRateText(int fpsNum, int fpsDen);

/// "out.mp4: 200 frames 1920×1080 H.264 yuv420p, 30 fps, 6.667 s, 12.3 MB, 14760 kbit/s" (+ the size note).
QString encodeSummaryLine(const encode::EncodeSummary& summary);

/// The summary for `--json`: path, frames, fps, durationSeconds, bytes, bitrateKbps, codec, pixFmt, size,
/// note.
QJsonObject encodeSummaryJson(const encode::EncodeSummary& summary);

}  // namespace skyweave::cli
