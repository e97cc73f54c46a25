#include "sample/StarFieldRenderer.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "sample/SampleRandom.h"

namespace skyweave::sample {

namespace {

constexpr std::uint64_t kNoiseStreamBase = 2000;
/// The PSF is drawn out to where it falls below this level (well under the noise of one pixel).
constexpr double kPsfCutoffAdu = 0.05;
constexpr double kMinPsfRadiusPx = 3.0;
constexpr double kMaxPsfRadiusPx = 30.0;
/// A moving source is drawn as this many PSFs spread evenly over the exposure.
constexpr int kTrailSamples = 7;
constexpr int kSubSamples = 3;

/// Moffat (1969) profile with the given FWHM: I(r) = F·(β−1)/(πα²)·(1 + r²/α²)^−β.
struct Moffat {
    Moffat(double fwhmPx, double beta)
        : beta(beta), alpha(fwhmPx / (2.0 * std::sqrt(std::pow(2.0, 1.0 / beta) - 1.0))),
          peakPerFlux((beta - 1.0) / (std::numbers::pi * alpha * alpha)) {}

    [[nodiscard]] double radiusFor(double fluxAdu) const {
        const double ratio = fluxAdu * peakPerFlux / kPsfCutoffAdu;
        if (ratio <= 1.0) return kMinPsfRadiusPx;
        const double r = alpha * std::sqrt(std::pow(ratio, 1.0 / beta) - 1.0);
        return std::clamp(r, kMinPsfRadiusPx, kMaxPsfRadiusPx);
    }

    double beta;
    double alpha;
    double peakPerFlux;
};

void addPointSource(cv::Mat& image, const Moffat& psf, PixelPosition at, double fluxAdu) {
    const double radius = psf.radiusFor(fluxAdu);
    const int x0 = std::max(0, static_cast<int>(std::floor(at.x - radius)));
    const int x1 = std::min(image.cols - 1, static_cast<int>(std::ceil(at.x + radius)));
    const int y0 = std::max(0, static_cast<int>(std::floor(at.y - radius)));
    const int y1 = std::min(image.rows - 1, static_cast<int>(std::ceil(at.y + radius)));
    if (x0 > x1 || y0 > y1) return;
    const double invAlpha2 = 1.0 / (psf.alpha * psf.alpha);
    const double scale = fluxAdu * psf.peakPerFlux / (kSubSamples * kSubSamples);
    for (int y = y0; y <= y1; ++y) {
        auto* row = image.ptr<float>(y);
        for (int x = x0; x <= x1; ++x) {
            double sum = 0.0;
            for (int sy = 0; sy < kSubSamples; ++sy) {
                const double dy = y + (sy + 0.5) / kSubSamples - 0.5 - at.y;
                for (int sx = 0; sx < kSubSamples; ++sx) {
                    const double dx = x + (sx + 0.5) / kSubSamples - 0.5 - at.x;
                    sum += std::pow(1.0 + (dx * dx + dy * dy) * invAlpha2, -psf.beta);
                }
            }
            row[x] += static_cast<float>(scale * sum);
        }
    }
}

void addSky(cv::Mat& image, const StarFieldParams& p, double skyScale) {
    for (int y = 0; y < image.rows; ++y) {
        auto* row = image.ptr<float>(y);
        for (int x = 0; x < image.cols; ++x) {
            const double gradient = 0.5 * (x / double(image.cols - 1) + y / double(image.rows - 1));
            row[x] = static_cast<float>(skyScale * (p.skyAdu + p.skyGradientAdu * gradient));
        }
    }
}

/// Photon noise on the collected electrons plus Gaussian read noise, back in ADU.
void addNoise(cv::Mat& image, const StarFieldParams& p, SampleRandom& rng) {
    const double gain = p.gainElectronsPerAdu;
    const double readNoiseAdu = p.readNoiseElectrons / gain;
    for (int y = 0; y < image.rows; ++y) {
        auto* row = image.ptr<float>(y);
        for (int x = 0; x < image.cols; ++x) {
            const double electrons = rng.poisson(std::max(0.0, double(row[x]) * gain));
            row[x] = static_cast<float>(electrons / gain + readNoiseAdu * rng.normal());
        }
    }
}

void addCosmicRays(cv::Mat& image, const std::vector<CosmicRay>& rays) {
    for (const CosmicRay& ray : rays) {
        const double angle = ray.angleDeg * std::numbers::pi / 180.0;
        for (int s = 0; s < ray.lengthPx; ++s) {
            const int x = static_cast<int>(std::lround(ray.start.x + s * std::cos(angle)));
            const int y = static_cast<int>(std::lround(ray.start.y + s * std::sin(angle)));
            if (x < 0 || y < 0 || x >= image.cols || y >= image.rows) continue;
            // Charge falls off along the track as the particle leaves the silicon.
            image.at<float>(y, x) += static_cast<float>(ray.peakAdu * (1.0 - 0.15 * s));
        }
    }
}

}  // namespace

cv::Mat renderStarFieldFrame(const StarFieldScene& scene, int frameIndex) {
    const StarFieldParams& p = scene.params;
    const SceneFrame& frame = scene.frames.at(static_cast<std::size_t>(frameIndex));
    cv::Mat image(p.height, p.width, CV_32FC1);
    addSky(image, p, frame.skyScale);

    const Moffat psf(frame.fwhmPx, p.moffatBeta);
    for (const SceneStar& star : scene.stars) addPointSource(image, psf, frame.wcs.worldToPixel(star.sky), star.fluxAdu);

    // The asteroid moves during the exposure; its trail is centred on the mid-exposure position.
    for (int i = 0; i < kTrailSamples; ++i) {
        const double t = frame.startUnixSeconds + p.exposureSeconds * (i + 0.5) / kTrailSamples;
        addPointSource(image, psf, frame.wcs.worldToPixel(scene.asteroidAt(t)), p.asteroidFluxAdu / kTrailSamples);
    }

    if (p.addNoise) {
        SampleRandom rng = SampleRandom(p.seed).fork(kNoiseStreamBase + static_cast<std::uint64_t>(frameIndex));
        addNoise(image, p, rng);
    }
    if (p.addCosmicRays) addCosmicRays(image, frame.cosmicRays);
    return image;
}

}  // namespace skyweave::sample
