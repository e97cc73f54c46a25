#include "EncoderOptions.h"

#include <QRegularExpression>
#include <QStringList>

#include "common/Errors.h"
#include "encode/EncodeRules.h"

namespace skyweave::cli {

using encode::allVideoCodecNames;
using encode::crfRange;
using encode::EncodeParams;
using encode::EncodeSummary;
using encode::joinNames;
using encode::OddSizePolicy;
using encode::parseFrameRate;
using encode::parseVideoCodec;
using encode::validateEncodeParams;
using encode::VideoCodec;
using encode::videoCodecName;

namespace {

QString joined(const std::vector<std::string>& names) {
    return QString::fromStdString(joinNames(names));
}

/// A non-negative integer option; false (and a message) when malformed.
bool readCount(const QCommandLineParser& parser, const QString& name, int& out, QString& error, int min = 0) {
    if (!parser.isSet(name)) return true;
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < min) {
        error = QStringLiteral("--%1 must be a whole number ≥ %2 (got '%3')")
                    .arg(name)
                    .arg(min)
                    .arg(parser.value(name));
        return false;
    }
    out = value;
    return true;
}

}  // namespace

void addEncoderOptions(QCommandLineParser& parser) {
    const QString codecs = joined(allVideoCodecNames()).replace(", ", "|");
    parser.addOptions({
        {"codec",
         QStringLiteral("Video codec: %1 (default h264). Containers: .mp4 h264/hevc/av1, "
                        ".mkv h264/hevc/ffv1/av1, .mov h264/hevc/prores.")
             .arg(codecs),
         "codec"},
        {"crf", QStringLiteral("Constant quality, lower is better: h264/hevc 0–51, av1 0–63 (default 20)."),
         "Q"},
        {"bitrate", QStringLiteral("Average bitrate in kbit/s instead of --crf (h264, hevc, av1)."), "KBPS"},
        {"preset",
         QStringLiteral("Speed preset ultrafast…veryslow (default medium; av1 also 0–13); "
                        "for prores the profile: 422, 422hq, 422lt, 422proxy, 4444, 4444xq."),
         "P"},
        {"pix-fmt",
         QStringLiteral("Pixel format (default auto): yuv420p, yuv444p, yuv420p10le, gray, gray16le, "
                        "bgr0, gbrp16le, … as the codec allows."),
         "F"},
        {"fps", QStringLiteral("Output frame rate: 30, 29.97, 12.5 or 30000/1001 (default 30)."), "RATE"},
        {"tune", QStringLiteral("x264/x265 tune (film, animation, grain, stillimage, psnr, ssim, …)."), "T"},
        {"keyint", QStringLiteral("Keyframe interval in frames (default: the codec's)."), "N"},
        {"encoder-threads", QStringLiteral("Encoder threads (default 0 = automatic)."), "N"},
        {"odd-size",
         QStringLiteral("Odd sizes with 4:2:0/4:2:2: pad (repeat last row/column, default) or crop."),
         "pad|crop"},
        {"overwrite", QStringLiteral("Replace an existing output file.")},
    });
}

QString parseEncoderOptions(const QCommandLineParser& parser, EncodeParams& params) {
    if (parser.isSet("codec")) {
        const auto codec = parseVideoCodec(parser.value("codec").toStdString());
        if (!codec)
            return QStringLiteral("unknown codec '%1' (allowed: %2)")
                .arg(parser.value("codec"), joined(allVideoCodecNames()));
        params.codec = *codec;
    }
    const bool rateControlled = crfRange(params.codec).has_value();
    if (parser.isSet("crf") && parser.isSet("bitrate"))
        return QStringLiteral("use --crf or --bitrate, not both");
    if ((parser.isSet("crf") || parser.isSet("bitrate")) && !rateControlled)
        return QStringLiteral("--crf/--bitrate do not apply to %1 (%2)")
            .arg(QString::fromUtf8(videoCodecName(params.codec).data()),
                 params.codec == VideoCodec::Ffv1
                     ? QStringLiteral("lossless")
                     : QStringLiteral("choose quality with --preset 422hq, 4444, …"));
    QString error;
    if (parser.isSet("crf")) {
        bool ok = false;
        params.crf = parser.value("crf").toInt(&ok);
        const auto range = *crfRange(params.codec);
        if (!ok || params.crf < range.min || params.crf > range.max)
            return QStringLiteral("--crf for %1 must be %2–%3 (got '%4')")
                .arg(QString::fromUtf8(videoCodecName(params.codec).data()))
                .arg(range.min)
                .arg(range.max)
                .arg(parser.value("crf"));
    }
    if (parser.isSet("bitrate")) {
        if (!readCount(parser, "bitrate", params.bitrateKbps, error, 1)) return error;
        params.crf = -1;
    }
    if (parser.isSet("preset")) params.preset = parser.value("preset").toLower().toStdString();
    params.pixFmt = parser.isSet("pix-fmt") ? parser.value("pix-fmt").toStdString() : std::string("auto");
    if (parser.isSet("fps")) {
        const auto rate = parseFrameRate(parser.value("fps").toStdString());
        if (!rate)
            return QStringLiteral(
                       "--fps must be a positive rate up to 1000 like 30, 29.97 or 30000/1001 (got '%1')")
                .arg(parser.value("fps"));
        params.fpsNum = rate->num;
        params.fpsDen = rate->den;
    }
    if (parser.isSet("tune")) params.tune = parser.value("tune").toLower().toStdString();
    if (!readCount(parser, "keyint", params.keyframeInterval, error, 1)) return error;
    if (!readCount(parser, "encoder-threads", params.threads, error)) return error;
    if (parser.isSet("odd-size")) {
        const QString policy = parser.value("odd-size").toLower();
        if (policy != "pad" && policy != "crop")
            return QStringLiteral("--odd-size must be pad or crop (got '%1')").arg(parser.value("odd-size"));
        params.oddSize = policy == "crop" ? OddSizePolicy::Crop : OddSizePolicy::Pad;
    }
    params.overwrite = parser.isSet("overwrite");

    try {
        if (params.outputPath.empty()) {
            // Check everything but the container: give the rules a name that fits the codec.
            EncodeParams probe = params;
            probe.outputPath = params.codec == VideoCodec::ProRes ? "probe.mov"
                               : params.codec == VideoCodec::Ffv1 ? "probe.mkv"
                                                                  : "probe.mp4";
            validateEncodeParams(probe);
        } else {
            validateEncodeParams(params);
        }
    } catch (const SkyweaveError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

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
