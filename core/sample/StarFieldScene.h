#pragma once

#include <vector>

#include "sample/SampleParams.h"
#include "sample/TanProjection.h"

namespace skyweave::sample {

/// A star fixed on the sky with its total flux.
struct SceneStar {
    SkyPosition sky;
    double fluxAdu = 0.0;
};

/// A cosmic-ray hit: a short straight track of charge deposited after the exposure's noise.
struct CosmicRay {
    PixelPosition start;
    double angleDeg = 0.0;
    int lengthPx = 1;
    double peakAdu = 0.0;
};

/// Everything that differs between frames, including where the asteroid is in that frame's pixels.
struct SceneFrame {
    double startUnixSeconds = 0.0;
    double midUnixSeconds = 0.0;  ///< DATE-OBS + EXPTIME/2
    PixelPosition jitterPx;       ///< how far the sky moved on the detector relative to the reference frame
    TanProjection wcs;            ///< this frame's own pointing
    double fwhmPx = 0.0;
    double skyScale = 1.0;        ///< the sky level drifts slightly through the night
    SkyPosition asteroidSky;      ///< at mid-exposure
    PixelPosition asteroidPx;     ///< at mid-exposure, in this frame's pixels (0-based)
    std::vector<CosmicRay> cosmicRays;
};

/**
 * @brief The complete, deterministic description of the synthetic FITS sequence, before any pixel exists.
 *
 * Stars live on the sky; each frame's WCS is its own pointing, and every pixel position (stars, asteroid)
 * is derived through that WCS, so the headers and the pixels agree by construction. The asteroid moves
 * uniformly in the reference frame's pixel grid; its sky track (the ephemeris) is that line mapped
 * through the reference WCS.
 */
struct StarFieldScene {
    StarFieldParams params;
    TanProjection reference;  ///< the unjittered pointing
    std::vector<SceneStar> stars;
    std::vector<SceneFrame> frames;

    /// Where the asteroid is on the sky at any time (the truth behind the ephemeris file).
    [[nodiscard]] SkyPosition asteroidAt(double unixSeconds) const;
    /// Where the asteroid is in the reference frame's pixels at any time.
    [[nodiscard]] PixelPosition asteroidReferencePixelAt(double unixSeconds) const;
    /// The asteroid's motion on the sky in arcsec per minute.
    [[nodiscard]] double asteroidRateArcsecPerMin() const;
    /// Position angle of the motion, degrees east of north.
    [[nodiscard]] double asteroidPositionAngleDeg() const;
};

/// Builds the scene from the parameters; the same parameters always give the same scene.
StarFieldScene buildStarFieldScene(const StarFieldParams& params);

}  // namespace skyweave::sample
