#include "track/StarMatcher.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "track/TransformFit.h"

namespace skyweave::track {
namespace {

struct Triangle {
    std::array<int, 3> vertex;  // opposite the longest, middle, shortest side
    double u, v;                // middle/longest, shortest/longest
    bool counterClockwise;
};

std::vector<Triangle> buildTriangles(std::span<const DetectedStar> stars, int count, double minSide) {
    const int n = std::min(count, static_cast<int>(stars.size()));
    std::vector<Triangle> out;
    auto dist = [&](int a, int b) { return std::hypot(stars[a].x - stars[b].x, stars[a].y - stars[b].y); };
    for (int i = 0; i < n; ++i)
        for (int j = i + 1; j < n; ++j)
            for (int k = j + 1; k < n; ++k) {
                std::array<std::pair<double, int>, 3> sides{{{dist(j, k), i}, {dist(i, k), j}, {dist(i, j), k}}};
                std::sort(sides.begin(), sides.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
                if (sides[0].first < minSide || sides[2].first <= 0.0) continue;
                Triangle t{{sides[0].second, sides[1].second, sides[2].second},
                           sides[1].first / sides[0].first, sides[2].first / sides[0].first, false};
                const DetectedStar &p = stars[t.vertex[0]], &q = stars[t.vertex[1]], &r = stars[t.vertex[2]];
                t.counterClockwise = (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x) > 0.0;
                out.push_back(t);
            }
    std::sort(out.begin(), out.end(), [](const Triangle& a, const Triangle& b) { return a.u < b.u; });
    return out;
}

/// Index of the frame star nearest to (x, y) within `radius`, or −1.
int nearest(std::span<const DetectedStar> stars, double x, double y, double radius) {
    int best = -1;
    double bestD2 = radius * radius;
    for (std::size_t i = 0; i < stars.size(); ++i) {
        const double d2 = (stars[i].x - x) * (stars[i].x - x) + (stars[i].y - y) * (stars[i].y - y);
        if (d2 < bestD2) bestD2 = d2, best = static_cast<int>(i);
    }
    return best;
}

/// Mutually nearest pairs (reference i ↦ frame j) within `radius` under `t`.
std::vector<std::pair<int, int>> pairUp(std::span<const DetectedStar> ref, std::span<const DetectedStar> frame,
                                        const FrameTransform& t, double radius, const FrameTransform& inverse) {
    std::vector<std::pair<int, int>> pairs;
    for (std::size_t i = 0; i < ref.size(); ++i) {
        const auto p = t.apply(ref[i].x, ref[i].y);
        const int j = nearest(frame, p[0], p[1], radius);
        if (j < 0) continue;
        const auto back = inverse.apply(frame[static_cast<std::size_t>(j)].x, frame[static_cast<std::size_t>(j)].y);
        if (nearest(ref, back[0], back[1], radius) == static_cast<int>(i)) pairs.emplace_back(static_cast<int>(i), j);
    }
    return pairs;
}

int countAgreeing(std::span<const DetectedStar> ref, std::span<const DetectedStar> frame, const FrameTransform& t,
                  double radius) {
    int count = 0;
    for (const DetectedStar& s : ref) {
        const auto p = t.apply(s.x, s.y);
        if (nearest(frame, p[0], p[1], radius) >= 0) ++count;
    }
    return count;
}

FrameTransform fitPairs(std::span<const DetectedStar> ref, std::span<const DetectedStar> frame,
                        const std::vector<std::pair<int, int>>& pairs, bool allowScale, double* rms) {
    std::vector<PixelPoint> from, to;
    for (const auto& [i, j] : pairs) {
        from.push_back({ref[static_cast<std::size_t>(i)].x, ref[static_cast<std::size_t>(i)].y});
        to.push_back({frame[static_cast<std::size_t>(j)].x, frame[static_cast<std::size_t>(j)].y});
    }
    const FrameTransform t = TransformFit::similarity(from, to, allowScale);
    if (rms != nullptr) *rms = TransformFit::rmsResidual(t, from, to);
    return t;
}

}  // namespace

StarMatchResult StarMatcher::match(std::span<const DetectedStar> reference, std::span<const DetectedStar> frame,
                                   const StarMatchParams& params) {
    StarMatchResult result;
    const auto minStars = static_cast<std::size_t>(std::max(3, params.minMatches));
    if (reference.size() < minStars || frame.size() < minStars) {
        result.failure = "too few stars to match (" + std::to_string(reference.size()) + " in the reference, " +
                         std::to_string(frame.size()) + " in the frame; need " + std::to_string(minStars) + ")";
        return result;
    }
    const std::vector<Triangle> refTriangles = buildTriangles(reference, params.triangleStars, params.minTriangleSidePx);
    const std::vector<Triangle> frameTriangles = buildTriangles(frame, params.triangleStars, params.minTriangleSidePx);
    const auto refBright = reference.first(std::min(reference.size(), static_cast<std::size_t>(params.triangleStars)));
    const auto frameBright = frame.first(std::min(frame.size(), static_cast<std::size_t>(params.triangleStars)));

    // Hypotheses from similar triangles; the one most bright stars agree with wins.
    int bestVotes = 0;
    FrameTransform best;
    const double tol = params.invariantTolerance;
    for (const Triangle& ft : frameTriangles) {
        auto it = std::lower_bound(refTriangles.begin(), refTriangles.end(), ft.u - tol,
                                   [](const Triangle& t, double u) { return t.u < u; });
        for (; it != refTriangles.end() && it->u <= ft.u + tol; ++it) {
            if (std::abs(it->v - ft.v) > tol || it->counterClockwise != ft.counterClockwise) continue;
            std::array<PixelPoint, 3> from, to;
            for (std::size_t k = 0; k < 3; ++k) {
                const DetectedStar& r = reference[static_cast<std::size_t>(it->vertex[k])];
                const DetectedStar& f = frame[static_cast<std::size_t>(ft.vertex[k])];
                from[k] = {r.x, r.y};
                to[k] = {f.x, f.y};
            }
            const FrameTransform t = TransformFit::similarity(from, to, params.allowScale);
            if (std::abs(TransformFit::scaleOf(t) - 1.0) > params.maxScaleChange) continue;
            const int votes = countAgreeing(refBright, frameBright, t, params.matchRadiusPx);
            if (votes > bestVotes) bestVotes = votes, best = t;
        }
    }
    if (bestVotes < 3) {
        result.failure = "no consistent star pattern between the frame and the reference";
        return result;
    }

    // Refit on all stars, tightening the pairing radius to 3× the residual.
    FrameTransform t = best;
    double radius = params.matchRadiusPx, rms = 0.0;
    std::vector<std::pair<int, int>> pairs;
    for (int iteration = 0; iteration < 6; ++iteration) {
        pairs = pairUp(reference, frame, t, radius, TransformFit::inverse(t));
        if (static_cast<int>(pairs.size()) < 3) break;
        t = fitPairs(reference, frame, pairs, params.allowScale, &rms);
        radius = std::clamp(3.0 * rms, 0.5, params.matchRadiusPx);
    }
    pairs = pairUp(reference, frame, t, radius, TransformFit::inverse(t));
    if (static_cast<int>(pairs.size()) < params.minMatches) {
        result.failure = "only " + std::to_string(pairs.size()) + " stars agree with the best match (need " +
                         std::to_string(params.minMatches) + ")";
        return result;
    }
    result.transform = fitPairs(reference, frame, pairs, params.allowScale, &result.rmsPx);
    result.matchedStars = static_cast<int>(pairs.size());
    result.pairs = std::move(pairs);
    result.success = true;
    return result;
}

}  // namespace skyweave::track
