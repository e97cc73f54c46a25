#include "track/Registration.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <opencv2/core.hpp>

#include "common/CancelToken.h"
#include "common/Errors.h"
#include "common/ProgressSink.h"
#include "track/RegistrationChecks.h"
#include "track/EphemerisReader.h"
#include "track/FrameTiming.h"
#include "fits/HeaderCards.h"
#include "track/RateTrack.h"
#include "track/TransformFit.h"
#include "track/Wcs.h"

namespace skyweave::track {
namespace {

constexpr int kWcsGridPoints = 7;     // per axis: enough to see SIP curvature in the fit residual
constexpr int kMinWcsGridPoints = 6;  // fewer overlapping points → the frames do not overlap

/// What the header tells about one frame, read once.
struct FrameInfo {
    std::string path;
    fits::HeaderCards header;
    std::optional<Wcs> wcs;
    std::string wcsProblem;
    FrameTiming timing;
};

FrameInfo inspect(const RegistrationFrame& frame) {
    FrameInfo info{frame.path, fits::HeaderCards(frame.headerCards), std::nullopt, {}, {}};
    try {
        info.wcs.emplace(Wcs::fromHeader(info.header, frame.path));
    } catch (const SkyweaveError& e) {
        info.wcsProblem = e.what();
    }
    info.timing = FrameTiming::fromHeader(info.header);
    return info;
}

[[noreturn]] void fail(const std::string& message) {
    throw SkyweaveError(ErrorKind::BadInput, message);
}

const Wcs& requireWcs(const FrameInfo& f, const char* why) {
    if (!f.wcs) fail(f.wcsProblem + " (" + why + ")");
    return *f.wcs;
}

double requireMidTime(const FrameInfo& f) {
    if (!f.timing.midMjd)
        fail(f.path + ": " + f.timing.problem + " (motion tracking needs each frame's time)");
    return *f.timing.midMjd;
}

std::string normalisedName(const std::string& s) {
    std::string out;
    for (char c : s)
        if (std::isalnum(static_cast<unsigned char>(c)))
            out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return out;
}

/// Everything one run shares: inputs, the chosen reference and the object's track.
struct Run {
    Run(const std::vector<RegistrationFrame>& f, const RegistrationParams& p, const FrameImageReader& r)
        : frames(f), params(p), reader(r) {}

    const std::vector<RegistrationFrame>& frames;
    const RegistrationParams& params;
    const FrameImageReader& reader;
    std::vector<FrameInfo> infos;
    std::size_t ref = 0;
    std::vector<DetectedStar> refStars;
    int refWidth = 0, refHeight = 0;
    std::shared_ptr<const ObjectTrack> track;
    std::array<double, 2> objectRef{0.0, 0.0};
    std::string objectName;

    [[nodiscard]] bool tracking() const { return params.motion.has_value(); }
    [[nodiscard]] bool frameWcsNeeded() const {
        return params.align == AlignMode::Wcs || (tracking() && params.align != AlignMode::Stars);
    }

    std::vector<DetectedStar> detectStars(std::size_t i) const {
        const cv::Mat image = reader(i);
        return StarDetector::detect(image, params.detection).stars;
    }

    /// Empty when frame `c` can be the reference; otherwise why not. Fills refStars/size on success.
    std::string tryReference(std::size_t c) {
        const FrameInfo& f = infos[c];
        try {
            if (params.align == AlignMode::Wcs || tracking()) (void)requireWcs(f, "the reference frame needs a WCS");
            if (tracking()) {
                const double t = requireMidTime(f);
                if (track) (void)track->positionAt(t);
            }
            const auto w = f.header.number("NAXIS1"), h = f.header.number("NAXIS2");
            refWidth = w ? static_cast<int>(*w) : 0;
            refHeight = h ? static_cast<int>(*h) : 0;
            if (params.align == AlignMode::Stars) {
                const cv::Mat image = reader(c);
                refWidth = image.cols;
                refHeight = image.rows;
                refStars = StarDetector::detect(image, params.detection).stars;
                const auto need = static_cast<std::size_t>(std::max(3, params.matching.minMatches));
                if (refStars.size() < need)
                    fail(f.path + ": only " + std::to_string(refStars.size()) + " stars detected (need " +
                         std::to_string(need) + ")");
            }
            if (params.align == AlignMode::Wcs && (refWidth <= 0 || refHeight <= 0))
                fail(f.path + ": NAXIS1/NAXIS2 missing from the header");
        } catch (const CancelledError&) {
            throw;
        } catch (const SkyweaveError& e) {
            return e.what();
        }
        return {};
    }

    void chooseReference() {
        if (params.referenceIndex < 0 || static_cast<std::size_t>(params.referenceIndex) >= frames.size())
            fail("reference frame index " + std::to_string(params.referenceIndex) + " is outside the " +
                 std::to_string(frames.size()) + " frames");
        std::vector<std::size_t> order{static_cast<std::size_t>(params.referenceIndex)};
        for (std::size_t i = 0; i < frames.size(); ++i)
            if (i != order.front()) order.push_back(i);
        std::string firstProblem;
        for (std::size_t c : order) {
            const std::string problem = tryReference(c);
            if (problem.empty()) {
                ref = c;
                return;
            }
            if (firstProblem.empty()) firstProblem = problem;
        }
        fail("no frame can serve as the reference; the preferred one: " + firstProblem);
    }

    void loadTrack(std::vector<std::string>& notes) {
        const MotionParams& m = *params.motion;
        objectName = m.objectName;
        if (m.track) {
            track = m.track;
        } else if (!m.ephemerisPath.empty()) {
            auto eph = std::make_shared<Ephemeris>(EphemerisReader::readFile(m.ephemerisPath));
            const std::string want = normalisedName(m.objectName), have = normalisedName(eph->targetName());
            if (!want.empty() && !have.empty() && have.find(want) == std::string::npos &&
                want.find(have) == std::string::npos)
                notes.push_back(m.ephemerisPath + " is for \"" + eph->targetName() + "\", not \"" +
                                m.objectName + "\"");
            if (objectName.empty()) objectName = eph->targetName();
            track = std::move(eph);
        }
    }

    /// Rate tracks start where the object is at the reference time; built once the reference is known.
    void finishTrack() {
        const FrameInfo& r = infos[ref];
        const double tRef = *r.timing.midMjd;
        if (!track) {
            const MotionParams& m = *params.motion;
            const SkyPosition start = m.referencePosition.value_or(r.wcs->pixelToWorld(
                (refWidth > 0 ? refWidth - 1 : 0) / 2.0, (refHeight > 0 ? refHeight - 1 : 0) / 2.0));
            track = m.raDecRates ? std::make_shared<RateTrack>(start, tRef, m.raCosDecRateArcsecPerMin,
                                                               m.decRateArcsecPerMin)
                                 : std::make_shared<RateTrack>(RateTrack::fromRateAndPa(
                                       start, tRef, m.rateArcsecPerMin, m.positionAngleDeg));
        }
        objectRef = r.wcs->worldToPixel(track->positionAt(tRef));
    }

    /// Reference pixel → frame pixel from the two WCSs, as an affine fit over a grid.
    FrameTransform wcsAlignment(const FrameInfo& f, double& residualPx) const {
        const Wcs& refWcs = *infos[ref].wcs;
        const Wcs& frameWcs = requireWcs(f, "alignment by WCS");
        std::vector<PixelPoint> from, to;
        for (int gy = 0; gy < kWcsGridPoints; ++gy)
            for (int gx = 0; gx < kWcsGridPoints; ++gx) {
                const double x = (refWidth - 1) * gx / double(kWcsGridPoints - 1);
                const double y = (refHeight - 1) * gy / double(kWcsGridPoints - 1);
                try {
                    const auto q = frameWcs.worldToPixel(refWcs.pixelToWorld(x, y));
                    from.push_back({x, y});
                    to.push_back({q[0], q[1]});
                } catch (const SkyweaveError&) {
                    // this grid point has no position in the frame's projection; the others decide
                }
            }
        if (static_cast<int>(from.size()) < kMinWcsGridPoints)
            fail(f.path + ": its WCS does not overlap the reference frame's");
        const FrameTransform a = TransformFit::affine(from, to);
        residualPx = TransformFit::rmsResidual(a, from, to);
        return a;
    }

    FrameRegistration registerFrame(std::size_t i) const {
        const FrameInfo& f = infos[i];
        FrameRegistration r;
        if (f.timing.midMjd) r.midTimeMjd = *f.timing.midMjd;
        FrameTransform align;
        if (i != ref) {
            if (params.align == AlignMode::Wcs) align = wcsAlignment(f, r.residualPx);
            if (params.align == AlignMode::Stars) {
                const StarMatchResult m = StarMatcher::match(refStars, detectStars(i), params.matching);
                if (!m.success) fail(f.path + ": star alignment failed: " + m.failure);
                align = m.transform;
                r.residualPx = m.rmsPx;
                r.matchedStars = m.matchedStars;
            }
        } else if (params.align == AlignMode::Stars) {
            r.matchedStars = static_cast<int>(refStars.size());
        }
        std::array<double, 2> d{0.0, 0.0};
        if (tracking()) {
            const double t = requireMidTime(f);
            SkyPosition sky;
            try {
                sky = track->positionAt(t);
            } catch (const SkyweaveError& e) {
                fail(f.path + ": " + e.what());
            }
            r.objectSky = sky;
            std::array<double, 2> inRef{};
            if (params.align == AlignMode::Stars) {
                inRef = infos[ref].wcs->worldToPixel(sky);
            } else {
                const auto q =
                    requireWcs(f, "motion tracking converts the object's RA/Dec with each frame's WCS")
                        .worldToPixel(sky);
                inRef = TransformFit::inverse(align).apply(q[0], q[1]);
            }
            d = {inRef[0] - objectRef[0], inRef[1] - objectRef[1]};
        }
        r.shiftX = d[0];
        r.shiftY = d[1];
        r.transform = align.after(FrameTransform::translation(d[0], d[1]));
        r.usable = true;
        return r;
    }
};

}  // namespace

std::size_t RegistrationResult::usableCount() const {
    return static_cast<std::size_t>(
        std::count_if(frames.begin(), frames.end(), [](const FrameRegistration& f) { return f.usable; }));
}

RegistrationResult Registration::compute(const std::vector<RegistrationFrame>& frames,
                                         const RegistrationParams& params, const FrameImageReader& reader,
                                         ProgressSink* progress, const CancelToken* cancel) {
    if (frames.empty()) fail("no frames to register");
    if (params.align == AlignMode::Stars && !reader)
        throw SkyweaveError(ErrorKind::Internal, "star alignment needs a frame image reader");
    RegistrationResult result;
    Run run(frames, params, reader);
    run.infos.reserve(frames.size());
    for (const RegistrationFrame& f : frames) run.infos.push_back(inspect(f));
    if (run.tracking()) run.loadTrack(result.notes);
    run.chooseReference();
    if (run.ref != static_cast<std::size_t>(params.referenceIndex))
        result.notes.push_back("reference frame is " + frames[run.ref].path +
                               " (the requested one cannot serve)");
    if (run.tracking()) {
        run.finishTrack();
        result.objectPixel = run.objectRef;
        result.trackDescription = run.track->description();
        result.objectName = run.objectName;
    }
    result.referenceIndex = run.ref;
    result.frames.resize(frames.size());
    for (std::size_t i = 0; i < frames.size(); ++i) {
        if (cancel != nullptr) cancel->throwIfCancelled();
        if (progress != nullptr)
            progress->report(
                {static_cast<std::int64_t>(i), static_cast<std::int64_t>(frames.size()),
                 "Registering frame " + std::to_string(i + 1) + "/" + std::to_string(frames.size()), "frames"});
        try {
            result.frames[i] = run.registerFrame(i);
        } catch (const CancelledError&) {
            throw;
        } catch (const SkyweaveError& e) {
            FrameRegistration& r = result.frames[i];
            r = FrameRegistration{};
            r.skipReason = e.what();
            if (run.infos[i].timing.midMjd) r.midTimeMjd = *run.infos[i].timing.midMjd;
            if (progress != nullptr) progress->log(LogLevel::Warning, "skipped " + r.skipReason);
        }
    }
    // Callers show the notes (CLI warnings, the job's log, the output's HISTORY).
    for (std::string& warning : registrationWarnings(result, params)) result.notes.push_back(std::move(warning));
    if (progress != nullptr)
        progress->report({static_cast<std::int64_t>(frames.size()), static_cast<std::int64_t>(frames.size()),
                          "Registered", "frames"});
    return result;
}

std::optional<AlignMode> parseAlignMode(const std::string& text) {
    if (text == "none") return AlignMode::None;
    if (text == "wcs") return AlignMode::Wcs;
    if (text == "stars") return AlignMode::Stars;
    return std::nullopt;
}

const char* alignModeName(AlignMode mode) {
    switch (mode) {
        case AlignMode::None:
            return "none";
        case AlignMode::Wcs:
            return "wcs";
        case AlignMode::Stars:
            return "stars";
    }
    return "none";
}

}  // namespace skyweave::track
