#include "track/TransformFit.h"

#include <cmath>
#include <numbers>

#include <opencv2/core.hpp>

#include "common/Errors.h"

namespace skyweave::track {
namespace {

PixelPoint mean(std::span<const PixelPoint> p) {
    PixelPoint m;
    for (const PixelPoint& q : p) m.x += q.x, m.y += q.y;
    m.x /= static_cast<double>(p.size());
    m.y /= static_cast<double>(p.size());
    return m;
}

void requirePairs(std::span<const PixelPoint> from, std::span<const PixelPoint> to, std::size_t minimum) {
    if (from.size() != to.size() || from.size() < minimum)
        throw SkyweaveError(ErrorKind::Internal, "transform fit needs " + std::to_string(minimum) + " matched pairs, got " +
                                                     std::to_string(std::min(from.size(), to.size())));
}

}  // namespace

FrameTransform TransformFit::similarity(std::span<const PixelPoint> from, std::span<const PixelPoint> to,
                                        bool allowScale) {
    requirePairs(from, to, 2);
    // Closed form (Umeyama 1991 in 2-D): centre both sets, then the rotation/scale is the
    // normalised cross-covariance.
    const PixelPoint mf = mean(from), mt = mean(to);
    double sDot = 0.0, sCross = 0.0, norm = 0.0;
    for (std::size_t i = 0; i < from.size(); ++i) {
        const double px = from[i].x - mf.x, py = from[i].y - mf.y;
        const double qx = to[i].x - mt.x, qy = to[i].y - mt.y;
        sDot += px * qx + py * qy;
        sCross += px * qy - py * qx;
        norm += px * px + py * py;
    }
    if (norm <= 0.0) throw SkyweaveError(ErrorKind::Internal, "transform fit: all reference points coincide");
    double cosPart = sDot / norm, sinPart = sCross / norm;
    if (!allowScale) {
        const double len = std::hypot(cosPart, sinPart);
        if (len <= 0.0) throw SkyweaveError(ErrorKind::Internal, "transform fit: degenerate point sets");
        cosPart /= len;
        sinPart /= len;
    }
    FrameTransform t{cosPart, -sinPart, 0.0, sinPart, cosPart, 0.0};
    t.tx = mt.x - (t.a * mf.x + t.b * mf.y);
    t.ty = mt.y - (t.c * mf.x + t.d * mf.y);
    return t;
}

FrameTransform TransformFit::affine(std::span<const PixelPoint> from, std::span<const PixelPoint> to) {
    requirePairs(from, to, 3);
    const PixelPoint mf = mean(from);  // centred for conditioning
    cv::Mat design(static_cast<int>(from.size()), 3, CV_64F), rhs(static_cast<int>(from.size()), 2, CV_64F);
    for (std::size_t i = 0; i < from.size(); ++i) {
        const int r = static_cast<int>(i);
        design.at<double>(r, 0) = from[i].x - mf.x;
        design.at<double>(r, 1) = from[i].y - mf.y;
        design.at<double>(r, 2) = 1.0;
        rhs.at<double>(r, 0) = to[i].x;
        rhs.at<double>(r, 1) = to[i].y;
    }
    cv::Mat solution;
    if (!cv::solve(design, rhs, solution, cv::DECOMP_SVD) || !cv::checkRange(solution))
        throw SkyweaveError(ErrorKind::Internal, "affine fit failed (collinear points?)");
    FrameTransform t{solution.at<double>(0, 0), solution.at<double>(1, 0), 0.0,
                     solution.at<double>(0, 1), solution.at<double>(1, 1), 0.0};
    t.tx = solution.at<double>(2, 0) - (t.a * mf.x + t.b * mf.y);
    t.ty = solution.at<double>(2, 1) - (t.c * mf.x + t.d * mf.y);
    return t;
}

double TransformFit::rmsResidual(const FrameTransform& t, std::span<const PixelPoint> from,
                                 std::span<const PixelPoint> to) {
    if (from.empty()) return 0.0;
    double sum = 0.0;
    for (std::size_t i = 0; i < from.size(); ++i) {
        const auto p = t.apply(from[i].x, from[i].y);
        sum += (p[0] - to[i].x) * (p[0] - to[i].x) + (p[1] - to[i].y) * (p[1] - to[i].y);
    }
    return std::sqrt(sum / static_cast<double>(from.size()));
}

FrameTransform TransformFit::inverse(const FrameTransform& t) {
    const double det = t.a * t.d - t.b * t.c;
    if (!(std::abs(det) > 1e-12)) throw SkyweaveError(ErrorKind::Internal, "cannot invert a singular frame transform");
    FrameTransform inv{t.d / det, -t.b / det, 0.0, -t.c / det, t.a / det, 0.0};
    inv.tx = -(inv.a * t.tx + inv.b * t.ty);
    inv.ty = -(inv.c * t.tx + inv.d * t.ty);
    return inv;
}

double TransformFit::scaleOf(const FrameTransform& t) { return std::sqrt(std::abs(t.a * t.d - t.b * t.c)); }

double TransformFit::rotationDegOf(const FrameTransform& t) {
    return std::atan2(t.c - t.b, t.a + t.d) * 180.0 / std::numbers::pi;
}

}  // namespace skyweave::track
