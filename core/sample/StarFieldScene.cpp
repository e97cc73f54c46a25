#include "sample/StarFieldScene.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "common/Errors.h"
#include "sample/SampleRandom.h"

namespace skyweave::sample {

namespace {

// Independent random streams, so that changing one part (say the frame count) leaves the others alone.
constexpr std::uint64_t kStarStream = 1;
constexpr std::uint64_t kFrameStream = 2;
constexpr std::uint64_t kCosmicStreamBase = 1000;

/// Stars closer than this to the asteroid's track would blend with it and spoil tests and demos.
constexpr double kTrackClearancePx = 10.0;
constexpr double kBrightStarFluxAdu = 20000.0;
constexpr double kBrightTrackClearancePx = 22.0;
/// Cosmic rays are kept away from the asteroid for the same reason.
constexpr double kCosmicClearancePx = 12.0;
constexpr double kSeeingVariation = 0.04;

double distanceToSegment(PixelPosition p, PixelPosition a, PixelPosition b) {
    const double vx = b.x - a.x;
    const double vy = b.y - a.y;
    const double lengthSquared = vx * vx + vy * vy;
    double t = lengthSquared > 0.0 ? ((p.x - a.x) * vx + (p.y - a.y) * vy) / lengthSquared : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    return std::hypot(p.x - (a.x + t * vx), p.y - (a.y + t * vy));
}

void validate(const StarFieldParams& p) {
    if (p.frameCount < 1 || p.width < 16 || p.height < 16)
        throw SkyweaveError(ErrorKind::BadInput, "sample: the FITS sequence needs at least 1 frame of 16x16 pixels");
    if (p.exposureSeconds <= 0.0 || p.cadenceSeconds < p.exposureSeconds)
        throw SkyweaveError(ErrorKind::BadInput, "sample: the cadence must be at least the exposure time");
    if (p.starCount < 0 || p.starMinFluxAdu <= 0.0 || p.starMaxFluxAdu < p.starMinFluxAdu)
        throw SkyweaveError(ErrorKind::BadInput, "sample: invalid star count or flux range");
}

std::vector<SceneStar> placeStars(const StarFieldParams& p, const StarFieldScene& scene) {
    SampleRandom rng(p.seed);
    rng = rng.fork(kStarStream);
    const double first = scene.frames.front().startUnixSeconds;
    const double last = scene.frames.back().startUnixSeconds + p.exposureSeconds;
    const PixelPosition trackStart = scene.asteroidReferencePixelAt(first);
    const PixelPosition trackEnd = scene.asteroidReferencePixelAt(last);
    // Stars just outside the reference field drift in with the jitter, so place them on a wider area.
    const double margin = p.jitterPx + 10.0;
    // Inverse transform sampling of N(>F) ∝ F^-slope, truncated at the brightest flux.
    const double uMin = std::pow(p.starMaxFluxAdu / p.starMinFluxAdu, -p.starCountSlope);

    std::vector<SceneStar> stars;
    stars.reserve(static_cast<std::size_t>(p.starCount));
    const int maxAttempts = 50 * p.starCount + 100;
    for (int attempt = 0; attempt < maxAttempts && std::ssize(stars) < p.starCount; ++attempt) {
        const PixelPosition at{rng.uniform(-margin, p.width - 1 + margin), rng.uniform(-margin, p.height - 1 + margin)};
        const double flux = p.starMinFluxAdu * std::pow(rng.uniform(uMin, 1.0), -1.0 / p.starCountSlope);
        const double clearance = flux > kBrightStarFluxAdu ? kBrightTrackClearancePx : kTrackClearancePx;
        if (distanceToSegment(at, trackStart, trackEnd) < clearance) continue;
        stars.push_back({scene.reference.pixelToWorld(at), flux});
    }
    return stars;
}

std::vector<CosmicRay> placeCosmicRays(const StarFieldParams& p, const SceneFrame& frame, int frameIndex) {
    if (p.cosmicRaysPerFrame <= 0) return {};
    SampleRandom rng = SampleRandom(p.seed).fork(kCosmicStreamBase + static_cast<std::uint64_t>(frameIndex));
    const int count = rng.uniformInt(std::max(1, p.cosmicRaysPerFrame - 1), p.cosmicRaysPerFrame + 1);
    std::vector<CosmicRay> rays;
    while (std::ssize(rays) < count) {
        CosmicRay ray;
        ray.start = {rng.uniform(2.0, p.width - 3.0), rng.uniform(2.0, p.height - 3.0)};
        ray.angleDeg = rng.uniform(0.0, 180.0);
        ray.lengthPx = rng.uniformInt(1, 4);
        ray.peakAdu = rng.uniform(1500.0, 12000.0);
        if (std::hypot(ray.start.x - frame.asteroidPx.x, ray.start.y - frame.asteroidPx.y) < kCosmicClearancePx)
            continue;
        rays.push_back(ray);
    }
    return rays;
}

}  // namespace

PixelPosition StarFieldScene::asteroidReferencePixelAt(double unixSeconds) const {
    const double firstMid = params.startUnixSeconds + params.exposureSeconds / 2.0;
    const double framesElapsed = (unixSeconds - firstMid) / params.cadenceSeconds;
    const double direction = params.asteroidDirectionDeg * std::numbers::pi / 180.0;
    const double step = params.asteroidRatePxPerFrame * framesElapsed;
    return {params.asteroidStartX * (params.width - 1) + step * std::cos(direction),
            params.asteroidStartY * (params.height - 1) + step * std::sin(direction)};
}

SkyPosition StarFieldScene::asteroidAt(double unixSeconds) const {
    return reference.pixelToWorld(asteroidReferencePixelAt(unixSeconds));
}

double StarFieldScene::asteroidRateArcsecPerMin() const {
    // Over a small field the track is a straight line at constant speed on the sky.
    return params.asteroidRatePxPerFrame * params.pixelScaleArcsec * 60.0 / params.cadenceSeconds;
}

double StarFieldScene::asteroidPositionAngleDeg() const {
    const double t = params.startUnixSeconds;
    const SkyPosition a = asteroidAt(t);
    const SkyPosition b = asteroidAt(t + 60.0);
    const double east = (b.raDeg - a.raDeg) * std::cos(a.decDeg * std::numbers::pi / 180.0);
    const double north = b.decDeg - a.decDeg;
    const double pa = std::atan2(east, north) * 180.0 / std::numbers::pi;
    return pa < 0.0 ? pa + 360.0 : pa;
}

StarFieldScene buildStarFieldScene(const StarFieldParams& params) {
    validate(params);
    StarFieldScene scene;
    scene.params = params;
    const PixelPosition centrePixel{(params.width - 1) / 2.0, (params.height - 1) / 2.0};
    scene.reference =
        makeTanProjection(params.fieldCentre, centrePixel, params.pixelScaleArcsec, params.rotationDeg);

    SampleRandom rng = SampleRandom(params.seed).fork(kFrameStream);
    for (int k = 0; k < params.frameCount; ++k) {
        SceneFrame frame;
        frame.startUnixSeconds = params.startUnixSeconds + k * params.cadenceSeconds;
        frame.midUnixSeconds = frame.startUnixSeconds + params.exposureSeconds / 2.0;
        frame.jitterPx = {rng.uniform(-params.jitterPx, params.jitterPx),
                          rng.uniform(-params.jitterPx, params.jitterPx)};
        // The sky moved by +jitter on the detector: this frame's centre pixel sees what the reference
        // frame saw at centre - jitter. Same CD, own tangent point: the header a plate solver would write.
        frame.wcs = scene.reference;
        const SkyPosition pointing =
            scene.reference.pixelToWorld({centrePixel.x - frame.jitterPx.x, centrePixel.y - frame.jitterPx.y});
        frame.wcs.crval1 = pointing.raDeg;
        frame.wcs.crval2 = pointing.decDeg;
        frame.fwhmPx = params.seeingFwhmPx * std::clamp(1.0 + kSeeingVariation * rng.normal(), 0.85, 1.15);
        frame.skyScale = 1.0 + 0.004 * k + 0.003 * rng.normal();
        frame.asteroidSky = scene.asteroidAt(frame.midUnixSeconds);
        frame.asteroidPx = frame.wcs.worldToPixel(frame.asteroidSky);
        scene.frames.push_back(std::move(frame));
    }
    for (int k = 0; k < params.frameCount; ++k)
        scene.frames[static_cast<std::size_t>(k)].cosmicRays =
            params.addCosmicRays ? placeCosmicRays(params, scene.frames[static_cast<std::size_t>(k)], k)
                                 : std::vector<CosmicRay>{};
    scene.stars = placeStars(params, scene);
    return scene;
}

}  // namespace skyweave::sample
