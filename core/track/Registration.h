#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/FrameTransform.h"
#include "track/ObjectTrack.h"
#include "track/StarDetector.h"
#include "track/StarMatcher.h"

namespace cv {
class Mat;
}

namespace skyweave {
class CancelToken;
class ProgressSink;
}  // namespace skyweave

namespace skyweave::track {

/// How frames are brought onto the reference frame's pixel grid.
enum class AlignMode {
    None,   ///< already registered: identity (motion tracking still shifts)
    Wcs,    ///< from each frame's WCS: affine fit of reference pixel → sky → frame pixel
    Stars,  ///< detect and match stars: similarity (rotation, translation, optional scale)
};

/**
 * @brief What moves and how: an ephemeris file, a rate with position angle, RA/Dec rates, or a
 *        ready-made track (tests, GUI).
 *
 * Precedence: `track` if set, else `ephemerisPath` if not empty, else `raDecRates` if true, else
 * rate + position angle. For rates, the object is taken to be at `referencePosition` at the
 * reference frame's mid-exposure; without one, at the sky position of the reference frame's
 * centre — the shift of a linear track is the same for any start point in a field of a few degrees.
 */
struct MotionParams {
    std::string objectName;     ///< for logs and headers; compared with the ephemeris' target name
    std::string ephemerisPath;  ///< JPL Horizons observer table or CSV time,ra_deg,dec_deg
    double rateArcsecPerMin = 0.0;
    double positionAngleDeg = 0.0;          ///< from north through east
    bool raDecRates = false;                ///< use the two rates below instead of rate + PA
    double raCosDecRateArcsecPerMin = 0.0;  ///< dRA·cosδ/dt
    double decRateArcsecPerMin = 0.0;
    std::optional<SkyPosition> referencePosition;
    std::shared_ptr<const ObjectTrack> track;  ///< overrides everything above when set
};

struct RegistrationParams {
    AlignMode align = AlignMode::None;
    std::optional<MotionParams> motion;
    int referenceIndex = 0;  ///< preferred reference; the next usable frame is taken when it cannot serve
    StarDetectionParams detection;
    StarMatchParams matching;
};

/// One input frame: its path (for messages) and its complete header as 80-character cards.
struct RegistrationFrame {
    std::string path;
    std::string headerCards;
};

/// Reads frame `index` as a single-channel float image; throws SkyweaveError when it cannot.
/// Only called for AlignMode::Stars, one frame at a time.
using FrameImageReader = std::function<cv::Mat(std::size_t index)>;

/// The result for one frame.
struct FrameRegistration {
    FrameTransform transform;  ///< output (= reference frame) pixel → this frame's pixel
    bool usable = false;
    std::string skipReason;   ///< why not usable ("frame_07.fits: no WCS …"), empty when usable
    double residualPx = 0.0;  ///< alignment fit RMS (stars: matched-star residual; wcs: affine vs exact WCS)
    double midTimeMjd = std::numeric_limits<double>::quiet_NaN();  ///< UTC mid-exposure, NaN when unknown
    double shiftX = 0.0;   ///< tracked object's motion since the reference frame, in reference pixels
    double shiftY = 0.0;   ///<   (the frame is shifted back by this much); 0 without motion tracking
    int matchedStars = 0;  ///< AlignMode::Stars only
    std::optional<SkyPosition> objectSky;  ///< the object's position at mid-exposure, when tracking
};

struct RegistrationResult {
    std::vector<FrameRegistration> frames;  ///< same order as the input
    std::size_t referenceIndex = 0;
    std::optional<std::array<double, 2>> objectPixel;  ///< where the tracked object sits in the output
    std::string trackDescription;                      ///< ephemeris/rate summary, empty without motion
    std::string objectName;          ///< MotionParams::objectName, else the ephemeris' target
    std::vector<std::string> notes;  ///< warnings worth a log line (reference changed, …)

    [[nodiscard]] std::size_t usableCount() const;
};

/**
 * @brief Computes, for every frame, the transform that puts it on the reference frame's grid —
 *        and, when tracking, keeps the moving object fixed at its reference-frame pixel.
 *
 * With alignment A (reference px → frame px, from WCS or stars) and the object's position q_i
 * in frame i and q_r in the reference, the frame's transform is T = A ∘ (p ↦ p + d) with
 * d = A⁻¹(q_i) − q_r, so T(q_r) = q_i: the object lands on q_r in every frame while stars trail.
 * q_i comes from the object's RA/Dec at the frame's mid-exposure through the frame's own WCS
 * (align none/wcs) or through the reference WCS (align stars: the stars carry the frame's
 * geometry, so only the reference frame needs a WCS).
 *
 * Frames that lack what the mode needs (WCS, time, enough matching stars, ephemeris coverage)
 * are marked unusable with the reason; nothing is silently treated as a zero shift. Throws
 * SkyweaveError when no frame can serve as the reference or the ephemeris cannot be read.
 * Sequential; holds one frame image at a time (Stars), ≈ 4× one frame's float size at peak.
 */
class Registration {
public:
    [[nodiscard]] static RegistrationResult compute(const std::vector<RegistrationFrame>& frames,
                                                    const RegistrationParams& params,
                                                    const FrameImageReader& reader = {},
                                                    ProgressSink* progress = nullptr,
                                                    const CancelToken* cancel = nullptr);
};

/// "none" / "wcs" / "stars" ↔ AlignMode; parse returns nullopt for anything else.
[[nodiscard]] std::optional<AlignMode> parseAlignMode(const std::string& text);
[[nodiscard]] const char* alignModeName(AlignMode mode);

}  // namespace skyweave::track
