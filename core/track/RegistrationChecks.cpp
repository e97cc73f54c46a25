#include "track/RegistrationChecks.h"

#include <cmath>

#include "common/AstroTime.h"
#include "track/Registration.h"

namespace skyweave::track {

namespace {

/// Frame times closer than this are "the same time" (well below any real cadence).
constexpr double kSameTimeSeconds = 1e-3;
/// A WCS alignment offset below this, in pixels, counts as no shift at all.
constexpr double kZeroShiftPx = 1e-6;

std::vector<const FrameRegistration*> usableFrames(const RegistrationResult& result) {
    std::vector<const FrameRegistration*> out;
    for (const auto& f : result.frames)
        if (f.usable) out.push_back(&f);
    return out;
}

bool isIdentity(const FrameTransform& t) {
    return std::abs(t.a - 1.0) < kZeroShiftPx && std::abs(t.b) < kZeroShiftPx && std::abs(t.c) < kZeroShiftPx &&
           std::abs(t.d - 1.0) < kZeroShiftPx && std::abs(t.tx) < kZeroShiftPx && std::abs(t.ty) < kZeroShiftPx;
}

}  // namespace

std::vector<std::string> registrationWarnings(const RegistrationResult& result, const RegistrationParams& params) {
    std::vector<std::string> warnings;
    const auto frames = usableFrames(result);
    if (frames.size() < 2) return warnings;
    if (params.motion) {
        bool allSame = std::isfinite(frames.front()->midTimeMjd);
        for (const auto* f : frames)
            allSame = allSame && std::abs(f->midTimeMjd - frames.front()->midTimeMjd) * kSecondsPerDay < kSameTimeSeconds;
        if (allSame)
            warnings.push_back("all " + std::to_string(frames.size()) + " frames carry the same time (" +
                               AstroTime::mjdToIso(frames.front()->midTimeMjd, 3) +
                               "), so every tracking shift is 0 px and the object is not followed; check "
                               "DATE-OBS in the headers (it may have been copied or set at conversion)");
    }
    if (params.align == AlignMode::Wcs) {
        bool allZero = true;
        for (std::size_t i = 0; i < result.frames.size(); ++i)
            if (result.frames[i].usable && i != result.referenceIndex)
                allZero = allZero && isIdentity(result.frames[i].transform) && result.frames[i].shiftX == 0.0 &&
                          result.frames[i].shiftY == 0.0;
        if (allZero)
            warnings.push_back("every WCS alignment shift is zero: all frames carry the same WCS, which usually "
                               "means it was copied rather than solved for each frame, so nothing is aligned");
    }
    return warnings;
}

}  // namespace skyweave::track
