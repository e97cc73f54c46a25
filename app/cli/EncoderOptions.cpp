#include "EncoderOptions.h"

#include <QRegularExpression>
#include <QStringList>

namespace skyweave::cli {

using encode::EncodeSummary;

QString frameRateText(int fpsNum, int fpsDen) {
    if (fpsDen == 1) return QStringLiteral("%1 fps").arg(fpsNum);
    return QStringLiteral("%1 fps (%2/%3)")
        .arg(QString::number(static_cast<double>(fpsNum) / fpsDen, 'f', 3).remove(QRegularExpression("0+$")))
        .arg(fpsNum)
        .arg(fpsDen);
}

QString encodeSummaryLine(const EncodeSummary& s) {
    QString line = QStringLiteral("%1: %2 frames %3×%4 %5 %6, %7, %8 s, %9 MB, %10 kbit/s")
                       .arg(QString::fromStdString(s.outputPath))
                       .arg(s.frames)
                       .arg(s.width)
                       .arg(s.height)
                       .arg(QString::fromStdString(s.codec), QString::fromStdString(s.pixFmt),
                            frameRateText(s.fpsNum, s.fpsDen))
                       .arg(s.durationSeconds, 0, 'f', 3)
                       .arg(static_cast<double>(s.bytes) / 1e6, 0, 'f', 1)
                       .arg(s.bitrateKbps, 0, 'f', 0);
    if (!s.note.empty()) line += QStringLiteral(" (%1)").arg(QString::fromStdString(s.note));
    return line;
}

QJsonObject encodeSummaryJson(const EncodeSummary& s) {
    return QJsonObject{
        {"path", QString::fromStdString(s.outputPath)},
        {"frames", static_cast<double>(s.frames)},
        {"fps", QStringLiteral("%1/%2").arg(s.fpsNum).arg(s.fpsDen)},
        {"durationSeconds", s.durationSeconds},
        {"bytes", static_cast<double>(s.bytes)},
        {"bitrateKbps", s.bitrateKbps},
        {"codec", QString::fromStdString(s.codec)},
        {"pixFmt", QString::fromStdString(s.pixFmt)},
        {"width", s.width},
        {"height", s.height},
        {"note", QString::fromStdString(s.note)},
    };
}

}  // namespace skyweave::cli
