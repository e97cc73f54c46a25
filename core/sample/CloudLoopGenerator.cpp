#include "sample/CloudLoopGenerator.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "common/Errors.h"
#include "sample/SampleRandom.h"
#include "sample/UtcTime.h"

namespace skyweave::sample {

namespace {

constexpr std::uint64_t kCloudStream = 1;
constexpr std::uint64_t kGroundStream = 2;
/// Semi-Lagrangian sub-steps per frame: keeps each step well under a pixel of curvature error.
constexpr int kAdvectionSubSteps = 4;
constexpr int kCloudOctaves = 6;
constexpr double kOctaveGain = 0.55;

/// Value noise summed over octaves (cubic-interpolated random lattices), normalised to [0, 1].
cv::Mat fractalNoise(int width, int height, double baseCellPx, int octaves, SampleRandom& rng) {
    cv::Mat sum = cv::Mat::zeros(height, width, CV_32F);
    double amplitude = 1.0;
    double cell = baseCellPx;
    for (int o = 0; o < octaves; ++o) {
        const int gw = static_cast<int>(std::ceil(width / cell)) + 4;
        const int gh = static_cast<int>(std::ceil(height / cell)) + 4;
        cv::Mat lattice(gh, gw, CV_32F);
        for (int y = 0; y < gh; ++y)
            for (int x = 0; x < gw; ++x) lattice.at<float>(y, x) = static_cast<float>(rng.uniform());
        cv::Mat up;
        cv::resize(lattice, up, cv::Size(static_cast<int>(gw * cell), static_cast<int>(gh * cell)), 0, 0,
                   cv::INTER_CUBIC);
        // A random offset inside the enlarged lattice hides the lattice alignment between octaves.
        const int ox = rng.uniformInt(0, static_cast<int>(cell));
        const int oy = rng.uniformInt(0, static_cast<int>(cell));
        sum += amplitude * up(cv::Rect(ox, oy, width, height));
        amplitude *= kOctaveGain;
        cell = std::max(1.5, cell / 2.0);
    }
    cv::normalize(sum, sum, 0.0, 1.0, cv::NORM_MINMAX);
    return sum;
}

}  // namespace

CloudLoopGenerator::CloudLoopGenerator(const CloudLoopParams& params) : params_(params) {
    if (params.frameCount < 1 || params.width < 16 || params.height < 16)
        throw SkyweaveError(ErrorKind::BadInput, "sample: the loop needs at least 1 frame of 16x16 pixels");
    const double maxSpeed = std::abs(params.windPxPerFrame) + params.waveAmplitudePx + params.vortexPeakPx;
    marginPx_ = static_cast<int>(std::ceil(maxSpeed * params.frameCount)) + 8;

    SampleRandom root(params.seed);
    SampleRandom cloudRng = root.fork(kCloudStream);
    const double cloudCell = std::max(params.width, params.height) / 5.0;
    clouds_ = fractalNoise(params.width + 2 * marginPx_, params.height + 2 * marginPx_, cloudCell, kCloudOctaves,
                           cloudRng);
    SampleRandom groundRng = root.fork(kGroundStream);
    ground_ = fractalNoise(params.width, params.height, std::max(params.width, params.height) / 3.0, 4, groundRng);
    displacement_ = cv::Mat::zeros(params.height, params.width, CV_32FC2);
}

double CloudLoopGenerator::jetU(double y, double t) const {
    // Meandering jet: the eastward wind varies with latitude, and the meander itself travels.
    return params_.windPxPerFrame +
           params_.waveAmplitudePx * std::sin(2.0 * std::numbers::pi * y / (0.8 * params_.height) + 0.12 * t);
}

double CloudLoopGenerator::waveV(double x, double t) const {
    return 0.6 * params_.waveAmplitudePx * std::cos(2.0 * std::numbers::pi * x / (0.9 * params_.width) - 0.09 * t);
}

CloudLoopGenerator::Vortex CloudLoopGenerator::vortexAt(double t) const {
    // A storm drifting across the frame: solid-body rotation near its eye, decaying outwards (Gaussian).
    // Tangential speed r·swirl·exp(−r²/2R²) peaks at r = R with vortexPeakPx (1.65 ≈ e^½).
    const double radius = 0.22 * std::min(params_.width, params_.height);
    return {params_.width * (0.35 + 0.01 * t), params_.height * (0.55 - 0.004 * t), radius,
            params_.vortexPeakPx * 1.6487 / radius};
}

cv::Point2d CloudLoopGenerator::Vortex::velocity(double x, double y) const {
    const double dx = x - cx;
    const double dy = y - cy;
    const double falloff = swirl * std::exp(-(dx * dx + dy * dy) / (2.0 * radius * radius));
    return {-dy * falloff, dx * falloff};
}

cv::Point2d CloudLoopGenerator::windAt(double x, double y, double t) const {
    const cv::Point2d swirl = vortexAt(t).velocity(x, y);
    return {jetU(y, t) + swirl.x, waveV(x, t) + swirl.y};
}

void CloudLoopGenerator::advect(double t, double dt) {
    // Semi-Lagrangian step: the cloud now at x was, dt ago, at x − wind·dt, whose origin the old map knows.
    // The wind is evaluated as windAt() does, with the row- and column-only terms computed once per line.
    const double tm = t + dt / 2.0;
    const Vortex vortex = vortexAt(tm);
    std::vector<double> waveByColumn(static_cast<std::size_t>(displacement_.cols));
    for (int x = 0; x < displacement_.cols; ++x) waveByColumn[static_cast<std::size_t>(x)] = waveV(x, tm);
    cv::Mat sampleAt(displacement_.size(), CV_32FC2);
    cv::Mat step(displacement_.size(), CV_32FC2);
    for (int y = 0; y < displacement_.rows; ++y) {
        const double jet = jetU(y, tm);
        auto* at = sampleAt.ptr<cv::Vec2f>(y);
        auto* st = step.ptr<cv::Vec2f>(y);
        for (int x = 0; x < displacement_.cols; ++x) {
            const cv::Point2d swirl = vortex.velocity(x, y);
            const double u = jet + swirl.x;
            const double v = waveByColumn[static_cast<std::size_t>(x)] + swirl.y;
            st[x] = cv::Vec2f(static_cast<float>(-u * dt), static_cast<float>(-v * dt));
            at[x] = cv::Vec2f(static_cast<float>(x - u * dt), static_cast<float>(y - v * dt));
        }
    }
    cv::Mat moved;
    // Outside the frame the displacement continues like its edge (the wind there is nearly the same).
    cv::remap(displacement_, moved, sampleAt, cv::noArray(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    displacement_ = moved + step;
}

cv::Mat CloudLoopGenerator::next() {
    if (frame_ > 0) {
        const double dt = 1.0 / kAdvectionSubSteps;
        for (int s = 0; s < kAdvectionSubSteps; ++s) advect(frame_ - 1 + s * dt, dt);
    }
    cv::Mat origin(displacement_.size(), CV_32FC2);
    for (int y = 0; y < origin.rows; ++y) {
        const auto* d = displacement_.ptr<cv::Vec2f>(y);
        auto* o = origin.ptr<cv::Vec2f>(y);
        for (int x = 0; x < origin.cols; ++x)
            o[x] = cv::Vec2f(static_cast<float>(x + marginPx_) + d[x][0], static_cast<float>(y + marginPx_) + d[x][1]);
    }
    cv::Mat density;
    cv::remap(clouds_, density, origin, cv::noArray(), cv::INTER_LINEAR, cv::BORDER_REFLECT);

    cv::Mat grey(params_.height, params_.width, CV_8UC1);
    for (int y = 0; y < grey.rows; ++y) {
        const auto* c = density.ptr<float>(y);
        const auto* g = ground_.ptr<float>(y);
        auto* out = grey.ptr<std::uint8_t>(y);
        for (int x = 0; x < grey.cols; ++x) {
            // Cloud cover is a soft threshold of the density (smoothstep); thick cloud is brighter.
            const double s = std::clamp((c[x] - 0.42) / 0.3, 0.0, 1.0);
            const double cover = s * s * (3.0 - 2.0 * s);
            const double cloud = 150.0 + 105.0 * c[x];
            const double land = 25.0 + 60.0 * g[x];
            out[x] = cv::saturate_cast<std::uint8_t>(land * (1.0 - cover) + cloud * cover);
        }
    }
    ++frame_;
    return grey;
}

std::string CloudLoopGenerator::frameName(const CloudLoopParams& params, int frameIndex) {
    const double t = params.startUnixSeconds + 60.0 * params.intervalMinutes * frameIndex;
    return params.namePrefix + "_" + compactUtc(t) + ".png";
}

}  // namespace skyweave::sample
