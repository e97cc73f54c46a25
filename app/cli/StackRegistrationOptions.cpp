#include "StackRegistrationOptions.h"

#include <QJsonArray>
#include <cmath>

#include "track/AstroTime.h"

namespace skyweave::cli {

QString registrationFromOptions(const QString& align, const QString& object, const QString& ephemeris,
                                const QString& rate, track::RegistrationParams& out) {
    const auto mode = track::parseAlignMode(align.toStdString());
    if (!mode) return "unknown --align '" + align + "' (none, wcs or stars)";
    out.align = *mode;
    if (ephemeris.isEmpty() && rate.isEmpty()) return {};
    track::MotionParams motion;
    motion.objectName = object.toStdString();
    if (!ephemeris.isEmpty()) {
        motion.ephemerisPath = ephemeris.toStdString();
    } else {
        const QStringList parts = rate.split(',');
        bool okRate = false, okPa = false;
        if (parts.size() == 2) {
            motion.rateArcsecPerMin = parts[0].trimmed().toDouble(&okRate);
            motion.positionAngleDeg = parts[1].trimmed().toDouble(&okPa);
        }
        if (!okRate || !okPa || !std::isfinite(motion.rateArcsecPerMin) || motion.rateArcsecPerMin < 0.0 ||
            !std::isfinite(motion.positionAngleDeg))
            return "--rate '" + rate + "' must be ARCSEC_PER_MIN,PA_DEG (e.g. 1.5,235; rate ≥ 0)";
        if (motion.objectName.empty()) motion.objectName = "rate-tracked object";
    }
    out.motion = motion;
    return {};
}

QJsonObject registrationToJson(const track::RegistrationResult& result, const StackParams& params) {
    QJsonArray frames;
    for (std::size_t i = 0; i < result.frames.size() && i < params.inputs.size(); ++i) {
        const track::FrameRegistration& f = result.frames[i];
        QJsonObject o{{"file", QString::fromStdString(params.inputs[i].string())}, {"usable", f.usable}};
        if (std::isfinite(f.midTimeMjd))
            o["mid_exposure"] = QString::fromStdString(track::AstroTime::mjdToIso(f.midTimeMjd, 3));
        if (f.usable) {
            o["residual_px"] = f.residualPx;
            if (params.motionTracked) o["object_shift_px"] = QJsonArray{f.shiftX, f.shiftY};
            if (f.matchedStars > 0) o["matched_stars"] = f.matchedStars;
        } else {
            o["reason"] = QString::fromStdString(f.skipReason);
        }
        frames.append(o);
    }
    QJsonObject json{{"align", QString::fromStdString(params.alignMode)},
                     {"reference", QString::fromStdString(params.inputs.at(result.referenceIndex).string())},
                     {"frames", frames}};
    if (!result.trackDescription.empty()) json["track"] = QString::fromStdString(result.trackDescription);
    if (result.objectPixel)
        json["object_pixel"] = QJsonArray{(*result.objectPixel)[0], (*result.objectPixel)[1]};
    QJsonArray notes;
    for (const auto& n : result.notes) notes.append(QString::fromStdString(n));
    if (!notes.isEmpty()) json["notes"] = notes;
    return json;
}

}  // namespace skyweave::cli
