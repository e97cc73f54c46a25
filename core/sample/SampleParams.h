#pragma once

#include <cstdint>
#include <string>

#include "sample/TanProjection.h"

namespace skyweave::sample {

/// 2025-01-15T03:20:00.250 UTC, the start of the first sample exposure, in Unix seconds.
inline constexpr double kSampleStartUnixSeconds = 1736911200.25;

/**
 * @brief Everything that shapes the synthetic FITS sequence: a jittered star field with a faint moving asteroid.
 *
 * The defaults give the documented sample (16 frames of 512×512); tests shrink sizes and counts.
 * Fluxes are total ADU per source; the detector is linear and bias-subtracted.
 */
struct StarFieldParams {
    int frameCount = 16;
    int width = 512;
    int height = 512;
    std::uint64_t seed = 20250115;

    // Pointing and optics.
    SkyPosition fieldCentre{82.86, 22.02};  ///< in Taurus, close to the ecliptic where asteroids pass
    double pixelScaleArcsec = 1.2;
    double rotationDeg = 0.6;       ///< north is rotated this much from +y
    double jitterPx = 2.5;          ///< pointing jitter, uniform in ±jitterPx on each axis, per frame
    double seeingFwhmPx = 3.2;      ///< mean Moffat FWHM; each frame varies by ~4 %
    double moffatBeta = 3.5;

    // Timing: frame k starts at startUnixSeconds + k·cadenceSeconds.
    double startUnixSeconds = kSampleStartUnixSeconds;
    double exposureSeconds = 60.0;
    double cadenceSeconds = 72.25;  ///< exposure plus readout; not a whole second, so DATE-OBS keeps fractions

    // Sources.
    int starCount = 300;
    double starMinFluxAdu = 400.0;
    double starMaxFluxAdu = 300000.0;
    double starCountSlope = 0.75;  ///< N(>F) ∝ F^-slope: star counts rising 10^0.3 per magnitude

    // The asteroid, positioned in the reference frame (the field without jitter) at the first mid-exposure.
    std::string objectName = "2025 SW1";
    double asteroidStartX = 0.30;  ///< fraction of the width
    double asteroidStartY = 0.62;  ///< fraction of the height
    double asteroidRatePxPerFrame = 1.5;
    double asteroidDirectionDeg = -35.0;  ///< angle of motion from +x towards +y (pixel axes)
    double asteroidFluxAdu = 2000.0;

    // Detector and sky.
    double skyAdu = 800.0;
    double skyGradientAdu = 60.0;  ///< extra sky from the bottom-left to the top-right corner
    double gainElectronsPerAdu = 1.5;
    double readNoiseElectrons = 5.0;
    int cosmicRaysPerFrame = 4;
    std::string filter = "R";

    bool addNoise = true;       ///< Poisson + read noise; off for noise-free renders in tests
    bool addCosmicRays = true;  ///< off for noise-free renders in tests
};

/**
 * @brief Shapes the synthetic satellite loop: cloud texture advected by a smooth, time-varying flow.
 *
 * Speeds are in pixels per frame so that tiny test frames still move visibly.
 */
struct CloudLoopParams {
    int frameCount = 24;
    int width = 640;
    int height = 480;
    std::uint64_t seed = 20250116;
    double startUnixSeconds = 1736911200.0;  ///< 2025-01-15 03:20:00 UTC
    int intervalMinutes = 10;
    std::string namePrefix = "goes";
    double windPxPerFrame = 2.5;    ///< mean eastward drift
    double waveAmplitudePx = 1.0;   ///< meandering jet on top of the drift
    double vortexPeakPx = 1.8;      ///< peak tangential speed of the storm's rotation
};

}  // namespace skyweave::sample
