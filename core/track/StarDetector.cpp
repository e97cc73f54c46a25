#include "track/StarDetector.h"

#include <algorithm>
#include <cmath>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "common/Errors.h"

namespace skyweave::track {
namespace {

constexpr double kMadToSigma = 1.4826;
constexpr double kSigmaToFwhm = 2.354820045;
constexpr int kClipPasses = 3;
constexpr double kClipSigma = 3.0;

struct Robust {
    double median = 0.0;
    double sigma = 0.0;
};

/// Median and 1.4826·MAD of finite values, with a few 3σ clipping passes so stars do not bias them.
Robust clippedStats(std::vector<float>& values) {
    Robust r;
    for (int pass = 0; pass < kClipPasses && !values.empty(); ++pass) {
        const auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
        std::nth_element(values.begin(), mid, values.end());
        r.median = *mid;
        std::vector<float> dev(values.size());
        for (std::size_t i = 0; i < values.size(); ++i) dev[i] = std::abs(values[i] - static_cast<float>(r.median));
        const auto dmid = dev.begin() + static_cast<std::ptrdiff_t>(dev.size() / 2);
        std::nth_element(dev.begin(), dmid, dev.end());
        r.sigma = kMadToSigma * *dmid;
        if (r.sigma <= 0.0) break;
        const double lo = r.median - kClipSigma * r.sigma, hi = r.median + kClipSigma * r.sigma;
        std::erase_if(values, [&](float v) { return v < lo || v > hi; });
    }
    return r;
}

struct Background {
    cv::Mat level;  // full-size CV_32F
    double median = 0.0;
    double sigma = 0.0;
};

Background estimateBackground(const cv::Mat& img, int cellPx) {
    const int cols = std::max(1, img.cols / cellPx), rows = std::max(1, img.rows / cellPx);
    cv::Mat mesh(rows, cols, CV_32F);
    std::vector<double> sigmas;
    std::vector<float> values;
    for (int gy = 0; gy < rows; ++gy) {
        for (int gx = 0; gx < cols; ++gx) {
            const int x0 = gx * img.cols / cols, x1 = (gx + 1) * img.cols / cols;
            const int y0 = gy * img.rows / rows, y1 = (gy + 1) * img.rows / rows;
            values.clear();
            for (int y = y0; y < y1; ++y) {
                const float* row = img.ptr<float>(y);
                for (int x = x0; x < x1; ++x)
                    if (std::isfinite(row[x])) values.push_back(row[x]);
            }
            const Robust r = clippedStats(values);
            mesh.at<float>(gy, gx) = static_cast<float>(values.empty() ? std::numeric_limits<double>::quiet_NaN() : r.median);
            if (!values.empty() && r.sigma > 0.0) sigmas.push_back(r.sigma);
        }
    }
    // Cells without data take the median of the others; a 3×3 median then removes cells dominated
    // by a bright star or galaxy before interpolation.
    std::vector<float> finite;
    for (int i = 0; i < mesh.rows * mesh.cols; ++i)
        if (std::isfinite(mesh.at<float>(i))) finite.push_back(mesh.at<float>(i));
    Background bg;
    if (finite.empty()) return bg;
    std::nth_element(finite.begin(), finite.begin() + static_cast<std::ptrdiff_t>(finite.size() / 2), finite.end());
    bg.median = finite[finite.size() / 2];
    for (int i = 0; i < mesh.rows * mesh.cols; ++i)
        if (!std::isfinite(mesh.at<float>(i))) mesh.at<float>(i) = static_cast<float>(bg.median);
    if (mesh.rows >= 3 && mesh.cols >= 3) cv::medianBlur(mesh, mesh, 3);
    cv::resize(mesh, bg.level, img.size(), 0, 0, cv::INTER_LINEAR);
    if (!sigmas.empty()) {
        std::nth_element(sigmas.begin(), sigmas.begin() + static_cast<std::ptrdiff_t>(sigmas.size() / 2), sigmas.end());
        bg.sigma = sigmas[sigmas.size() / 2];
    }
    return bg;
}

/// Robust σ of the smoothed image from a sparse sample (stars are few; MAD ignores them).
double smoothedNoise(const cv::Mat& smooth) {
    std::vector<float> sample;
    const int step = std::max(1, static_cast<int>(std::sqrt(smooth.total() / 200000.0)));
    for (int y = 0; y < smooth.rows; y += step) {
        const float* row = smooth.ptr<float>(y);
        for (int x = 0; x < smooth.cols; x += step) sample.push_back(row[x]);
    }
    return clippedStats(sample).sigma;
}

/// Adaptive moments about (x, y) on the background-subtracted image; false when they do not converge.
bool measure(const cv::Mat& sub, double x, double y, double maxEllipticity, DetectedStar& out) {
    constexpr int kMaxIterations = 30;
    constexpr double kMaxWindowRadius = 20.0;
    double sigmaW = 1.5, cx = x, cy = y;
    for (int it = 0; it < kMaxIterations; ++it) {
        const double radius = std::min(kMaxWindowRadius, std::ceil(4.0 * sigmaW));
        const int x0 = std::max(0, static_cast<int>(cx - radius)), x1 = std::min(sub.cols - 1, static_cast<int>(cx + radius) + 1);
        const int y0 = std::max(0, static_cast<int>(cy - radius)), y1 = std::min(sub.rows - 1, static_cast<int>(cy + radius) + 1);
        const double inv2s2 = 1.0 / (2.0 * sigmaW * sigmaW);
        double s0 = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, peak = 0;
        for (int yy = y0; yy <= y1; ++yy) {
            const float* row = sub.ptr<float>(yy);
            const double dy = yy - cy;
            for (int xx = x0; xx <= x1; ++xx) {
                const double dx = xx - cx, r2 = dx * dx + dy * dy;
                if (r2 > radius * radius) continue;
                const double v = row[xx];
                peak = std::max(peak, v);
                const double wv = std::exp(-r2 * inv2s2) * v;
                s0 += wv, sx += wv * dx, sy += wv * dy, sxx += wv * dx * dx, syy += wv * dy * dy, sxy += wv * dx * dy;
            }
        }
        if (!(s0 > 0.0)) return false;
        const double ddx = sx / s0, ddy = sy / s0;
        const double mxx = sxx / s0 - ddx * ddx, myy = syy / s0 - ddy * ddy, mxy = sxy / s0 - ddx * ddy;
        const double m = 0.5 * (mxx + myy);
        if (!(m > 0.0)) return false;
        const double ellipticity = std::sqrt((mxx - myy) * (mxx - myy) + 4.0 * mxy * mxy) / (mxx + myy);
        cx += ddx;
        cy += ddy;
        // Fixed point of σ_w² = 2·(weighted second moment) is σ_w = σ_star for a Gaussian star.
        // Flux: for a Gaussian star and a weight of the same width, Σw·I is exactly half the total.
        const double next = std::clamp(std::sqrt(2.0 * m), 0.3, 15.0);
        const double change = std::abs(next - sigmaW);
        const bool converged = change < 1e-4 && std::hypot(ddx, ddy) < 1e-4;
        sigmaW = next;
        if (std::abs(cx - x) > 5.0 || std::abs(cy - y) > 5.0) return false;  // wandered off to a neighbour
        if (converged || it + 1 == kMaxIterations) {
            out = {cx, cy, 2.0 * s0, peak, kSigmaToFwhm * sigmaW};
            // Streaks (cosmic rays hitting at a slant, satellites) are elongated; stars are round.
            return (converged || change < 1e-2) && ellipticity <= maxEllipticity;
        }
    }
    return false;
}

}  // namespace

StarDetectionResult StarDetector::detect(const cv::Mat& image, const StarDetectionParams& params) {
    if (image.empty() || image.channels() != 1)
        throw SkyweaveError(ErrorKind::BadInput, "star detection needs a non-empty single-channel image");
    cv::Mat img;
    image.convertTo(img, CV_32F);
    const Background bg = estimateBackground(img, std::max(8, params.backgroundCellPx));
    StarDetectionResult result;
    result.backgroundLevel = bg.median;
    result.noiseSigma = bg.sigma;
    if (bg.level.empty()) return result;  // nothing finite at all

    cv::Mat sub = img - bg.level;
    cv::patchNaNs(sub, 0.0);  // blank/uncovered pixels count as background
    cv::Mat smooth;
    cv::GaussianBlur(sub, smooth, cv::Size(0, 0), 1.0);
    const double smoothSigma = smoothedNoise(smooth);
    if (!(smoothSigma > 0.0)) return result;  // a constant image has no stars
    cv::Mat dilated;
    cv::dilate(smooth, dilated, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5)));

    struct Candidate {
        int x, y;
        float value;
    };
    std::vector<Candidate> candidates;
    const float threshold = static_cast<float>(params.thresholdSigma * smoothSigma);
    const int border = std::max(1, params.borderPx);
    for (int y = border; y < img.rows - border; ++y) {
        const float* s = smooth.ptr<float>(y);
        const float* d = dilated.ptr<float>(y);
        for (int x = border; x < img.cols - border; ++x)
            if (s[x] > threshold && s[x] >= d[x]) candidates.push_back({x, y, s[x]});
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) { return a.value > b.value; });

    const std::size_t limit = static_cast<std::size_t>(std::max(0, params.maxStars));
    for (const Candidate& c : candidates) {
        if (result.stars.size() >= limit * 2) break;  // measured a generous surplus; flux order is final below
        DetectedStar star;
        if (!measure(sub, c.x, c.y, params.maxEllipticity, star)) continue;
        if (star.fwhmPx < params.minFwhmPx || star.fwhmPx > params.maxFwhmPx || !(star.flux > 0.0)) continue;
        const bool duplicate = std::any_of(result.stars.begin(), result.stars.end(), [&](const DetectedStar& s) {
            return std::hypot(s.x - star.x, s.y - star.y) < 0.75 * std::max(s.fwhmPx, star.fwhmPx);
        });
        if (!duplicate) result.stars.push_back(star);
    }
    std::sort(result.stars.begin(), result.stars.end(), [](const DetectedStar& a, const DetectedStar& b) { return a.flux > b.flux; });
    if (result.stars.size() > limit) result.stars.resize(limit);
    return result;
}

}  // namespace skyweave::track
