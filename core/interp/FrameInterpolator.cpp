#include "interp/FrameInterpolator.h"

#include <algorithm>
#include <cmath>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "common/Errors.h"
#include "interp/DenseFlow.h"

namespace skyweave {

namespace {

// Fixed-point steps solving x = p + t·flow(p); three close it to ~0.1 px on smooth motion.
constexpr int kFixedPointSteps = 3;
// Weight floor so that a pixel where both samples are distrusted still gets the time-weighted blend.
constexpr float kWeightFloor = 0.02f;
// The scene-change score is measured on a copy of about 48×48 pixels: coarse enough that ordinary motion
// (tens of pixels at 720p) moves content by less than a probe pixel, while a cut changes the whole picture.
constexpr double kSceneProbePixels = 2304.0;
// A large difference is a cut when motion compensation leaves more than this share of it: measured at the
// probe's scale, fast pans of real footage keep under 10 % of their difference, a cut 80–90 %.
constexpr double kCutUnexplainedShare = 0.5;

void requireSamePair(const cv::Mat& a, const cv::Mat& b) {
    if (a.empty() || a.size() != b.size() || a.type() != b.type())
        throw SkyweaveError(ErrorKind::BadInput, "the two frames of a pair differ in size or type");
    if (a.depth() != CV_8U && a.depth() != CV_16U)
        throw SkyweaveError(ErrorKind::Unsupported, "only 8- and 16-bit frames can be interpolated");
}

cv::Mat identityGrid(cv::Size size) {
    cv::Mat grid(size, CV_32FC2);
    for (int y = 0; y < size.height; ++y) {
        auto* row = grid.ptr<cv::Vec2f>(y);
        for (int x = 0; x < size.width; ++x) row[x] = cv::Vec2f(static_cast<float>(x), static_cast<float>(y));
    }
    return grid;
}

cv::Mat sampleAt(const cv::Mat& field, const cv::Mat& positions) {
    cv::Mat out;
    cv::remap(field, out, positions, cv::noArray(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    return out;
}

/// |f(p) + g(p + f(p))| per pixel: zero where g brings the pixel straight back.
cv::Mat roundTripError(const cv::Mat& f, const cv::Mat& g, const cv::Mat& grid) {
    const cv::Mat back = sampleAt(g, grid + f);
    cv::Mat sum = f + back, err;
    std::vector<cv::Mat> xy;
    cv::split(sum, xy);
    cv::magnitude(xy[0], xy[1], err);
    return err;
}

/// Solves u = −s·flow(x + u) and returns u plus the residual |u_next − u| of the last step.
void solvePath(const cv::Mat& flow, double s, const cv::Mat& grid, cv::Mat& u, cv::Mat& residual) {
    u = flow * -s;
    cv::Mat next;
    for (int i = 0; i < kFixedPointSteps; ++i) {
        next = sampleAt(flow, grid + u) * -s;
        if (i + 1 < kFixedPointSteps) u = next;
    }
    std::vector<cv::Mat> d;
    cv::split(next - u, d);
    cv::magnitude(d[0], d[1], residual);
    u = next;
}

/// Mean |A(p) − B(p + flow(p))| over the pixels whose path stays inside B, area-averaged to the scene
/// probe's scale first (as sceneChangePercent), in percent of the 8-bit grey range: what the motion does
/// not explain. Ordinary motion, however large, leaves little; a cut leaves about as much as before.
double compensatedDifferencePercent(const cv::Mat& ga, const cv::Mat& gb, const cv::Mat& flow, const cv::Mat& grid) {
    const cv::Mat positions = grid + flow;
    cv::Mat warped, inside(ga.size(), CV_8U);
    cv::remap(gb, warped, positions, cv::noArray(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    for (int y = 0; y < ga.rows; ++y) {
        const auto* p = positions.ptr<cv::Vec2f>(y);
        auto* in = inside.ptr<std::uint8_t>(y);
        for (int x = 0; x < ga.cols; ++x)
            in[x] = p[x][0] >= 0.0f && p[x][1] >= 0.0f && p[x][0] <= ga.cols - 1.0f && p[x][1] <= ga.rows - 1.0f;
    }
    cv::Mat diff, mask;
    cv::absdiff(ga, warped, diff);
    diff.setTo(0, inside == 0);
    inside.convertTo(mask, CV_32F);
    diff.convertTo(diff, CV_32F);
    const double px = static_cast<double>(ga.total());
    const double scale = px > kSceneProbePixels ? std::sqrt(kSceneProbePixels / px) : 1.0;
    if (scale < 1.0) {
        cv::resize(diff, diff, cv::Size(), scale, scale, cv::INTER_AREA);
        cv::resize(mask, mask, cv::Size(), scale, scale, cv::INTER_AREA);
    }
    const double covered = cv::sum(mask)[0];
    if (covered < 1e-6) return 100.0;  // nothing of A lands in B
    return cv::sum(diff)[0] / covered / 255.0 * 100.0;
}

/// 1 / (1 + (e / tol)²): 1 when consistent, ½ at the tolerance, falling off beyond.
cv::Mat confidence(const cv::Mat& error, double tol) {
    cv::Mat c = error * (1.0 / tol);
    cv::multiply(c, c, c);
    c += 1.0;
    cv::divide(1.0, c, c);
    return c;
}

/// Per output pixel at the flow level: displacements to A and B (4 channels) and their weights (2).
struct TimeField {
    cv::Mat paths;    // CV_32FC4: u0x, u0y, u1x, u1y (flow-level pixels)
    cv::Mat weights;  // CV_32FC2: w0, w1 (time weight × confidence, not yet normalised)
};

TimeField timeField(const PairMotion& m, double t, double tol) {
    const cv::Mat grid = identityGrid(m.forward.size());
    cv::Mat u0, u1, r0, r1;
    solvePath(m.forward, t, grid, u0, r0);
    solvePath(m.backward, 1.0 - t, grid, u1, r1);
    const cv::Mat e0 = sampleAt(m.forwardError, grid + u0);   // A's sample missing from B?
    const cv::Mat e1 = sampleAt(m.backwardError, grid + u1);  // B's sample missing from A?
    cv::Mat w0 = confidence(r0, tol).mul(confidence(e1, tol)) * (1.0 - t);
    cv::Mat w1 = confidence(r1, tol).mul(confidence(e0, tol)) * t;
    TimeField f;
    cv::merge(std::vector<cv::Mat>{u0, u1}, f.paths);
    cv::merge(std::vector<cv::Mat>{w0, w1}, f.weights);
    return f;
}

/// Bilinear rows of a CN-channel float field: the column taps are shared by every row, and a fixed channel
/// count lets the compiler vectorise the inner loop.
template <int CN>
void upsampleInto(const cv::Mat& field, double scale, int y0, cv::Mat& out) {
    const int width = out.cols;
    const int maxX = field.cols - 1, maxY = field.rows - 1;
    std::vector<int> left(static_cast<std::size_t>(width)), right(static_cast<std::size_t>(width));
    std::vector<float> wRight(static_cast<std::size_t>(width));
    for (int x = 0; x < width; ++x) {
        const double fx = std::clamp((x + 0.5) * scale - 0.5, 0.0, static_cast<double>(maxX));
        const int x0 = static_cast<int>(fx);
        left[static_cast<std::size_t>(x)] = x0 * CN;
        right[static_cast<std::size_t>(x)] = std::min(x0 + 1, maxX) * CN;
        wRight[static_cast<std::size_t>(x)] = static_cast<float>(fx - x0);
    }
    for (int y = 0; y < out.rows; ++y) {
        const double fy = std::clamp((y0 + y + 0.5) * scale - 0.5, 0.0, static_cast<double>(maxY));
        const int r0 = static_cast<int>(fy);
        const auto wy = static_cast<float>(fy - r0);
        const float* top = field.ptr<float>(r0);
        const float* bottom = field.ptr<float>(std::min(r0 + 1, maxY));
        float* o = out.ptr<float>(y);
        for (int x = 0; x < width; ++x) {
            const auto k = static_cast<std::size_t>(x);
            const float wx = wRight[k];
            const float* tl = top + left[k];
            const float* tr = top + right[k];
            const float* bl = bottom + left[k];
            const float* br = bottom + right[k];
            for (int c = 0; c < CN; ++c) {
                const float t = tl[c] + wx * (tr[c] - tl[c]);
                const float b = bl[c] + wx * (br[c] - bl[c]);
                o[x * CN + c] = t + wy * (b - t);
            }
        }
    }
}

/// Rows [y0, y1) of a flow-level field (CV_32FC2 or CV_32FC4) brought to full resolution: bilinear,
/// pixel-centre aligned, edges replicated. Written out by hand: a generic remap of a 4-channel float
/// field costs more than the rest of the warp.
cv::Mat upsampleRows(const cv::Mat& field, double scale, int width, int y0, int y1) {
    if (scale == 1.0) return field.rowRange(y0, y1);
    cv::Mat out(y1 - y0, width, field.type());
    if (field.channels() == 4) upsampleInto<4>(field, scale, y0, out);
    else upsampleInto<2>(field, scale, y0, out);
    return out;
}

template <typename T>
void blendRows(const cv::Mat& wa, const cv::Mat& wb, const cv::Mat& weights, cv::Mat& out) {
    const int cn = out.channels();
    for (int y = 0; y < out.rows; ++y) {
        const T* pa = wa.ptr<T>(y);
        const T* pb = wb.ptr<T>(y);
        const auto* w = weights.ptr<cv::Vec2f>(y);
        T* po = out.ptr<T>(y);
        for (int x = 0; x < out.cols; ++x) {
            const float w0 = w[x][0], w1 = w[x][1];
            const float inv = 1.0f / (w0 + w1);
            for (int c = 0; c < cn; ++c) {
                const int i = x * cn + c;
                po[i] = cv::saturate_cast<T>((w0 * pa[i] + w1 * pb[i]) * inv);
            }
        }
    }
}

double fullScale(const cv::Mat& frame) { return frame.depth() == CV_8U ? 255.0 : 65535.0; }

/// Grey copy of a frame, area-averaged by `scale` (≤ 1), in the frame's own depth: made once per frame
/// of a pair and shared by the scene probe and the flow level.
cv::Mat levelGrey(const cv::Mat& frame, double scale) {
    cv::Mat grey;
    if (frame.channels() == 3) cv::cvtColor(frame, grey, cv::COLOR_BGR2GRAY);
    else grey = frame;
    if (scale < 1.0) {
        cv::Mat small;
        cv::resize(grey, small, cv::Size(), scale, scale, cv::INTER_AREA);
        grey = small;
    }
    return grey;
}

/// 8-bit copy with [lo, hi] stretched over 0…255 (no copy for 8-bit data over its full range).
cv::Mat toEightBit(const cv::Mat& grey, double lo, double hi) {
    if (grey.depth() == CV_8U && lo == 0.0 && hi == 255.0) return grey;
    const double range = std::max(hi - lo, 1.0);
    cv::Mat g8;
    grey.convertTo(g8, CV_8U, 255.0 / range, -lo * 255.0 / range);
    return g8;
}

/// Mean |A − B| of two grey copies area-averaged to ~48×48, in percent of `full`.
double probeDifferencePercent(const cv::Mat& ga, const cv::Mat& gb, double full) {
    const double px = static_cast<double>(ga.total());
    const double scale = px > kSceneProbePixels ? std::sqrt(kSceneProbePixels / px) : 1.0;
    cv::Mat pa = ga, pb = gb;
    if (scale < 1.0) {
        cv::resize(ga, pa, cv::Size(), scale, scale, cv::INTER_AREA);
        cv::resize(gb, pb, cv::Size(), scale, scale, cv::INTER_AREA);
    }
    return cv::norm(toEightBit(pa, 0.0, full), toEightBit(pb, 0.0, full), cv::NORM_L1) /
           static_cast<double>(pa.total()) / 255.0 * 100.0;
}

/// Flow both ways and its checks from the two frames' grey flow-level copies (source depth).
PairMotion motionFromLevels(const cv::Mat& la, const cv::Mat& lb, int frameCols, const InterpolationParams& params) {
    PairMotion m;
    double lo = 0.0, hi = 255.0;
    if (la.depth() != CV_8U) {  // stretch 16-bit data over the pair's joint range at the flow level
        double alo, ahi, blo, bhi;
        cv::minMaxLoc(la, &alo, &ahi);
        cv::minMaxLoc(lb, &blo, &bhi);
        lo = std::min(alo, blo);
        hi = std::max(ahi, bhi);
    }
    const cv::Mat ga = toEightBit(la, lo, hi), gb = toEightBit(lb, lo, hi);
    // The level may round to a slightly different aspect; record the exact ratio used per axis.
    m.scale = static_cast<double>(ga.cols) / frameCols;
    m.forward = computeDenseFlow(ga, gb, params.algorithm, params.quality);
    m.backward = computeDenseFlow(gb, ga, params.algorithm, params.quality);
    const cv::Mat grid = identityGrid(ga.size());
    m.forwardError = roundTripError(m.forward, m.backward, grid);
    m.backwardError = roundTripError(m.backward, m.forward, grid);
    m.compensatedPercent = compensatedDifferencePercent(ga, gb, m.forward, grid);
    return m;
}

}  // namespace

double sceneChangePercent(const cv::Mat& a, const cv::Mat& b) {
    requireSamePair(a, b);
    return probeDifferencePercent(levelGrey(a, 1.0), levelGrey(b, 1.0), fullScale(a));
}

cv::Mat flowGrey(const cv::Mat& frame, double scale, double lo, double hi) {
    return toEightBit(levelGrey(frame, scale), lo, hi);
}

double flowLevelScale(cv::Size frameSize, const InterpolationParams& params) {
    const double px = static_cast<double>(frameSize.area());
    if (params.maxFlowPixels <= 0 || px <= static_cast<double>(params.maxFlowPixels)) return 1.0;
    // 1/k for the smallest whole k that fits: an exact k×k area average (OpenCV's fast path, and level
    // pixel centres fall on a regular grid of frame pixels).
    return 1.0 / std::ceil(std::sqrt(px / static_cast<double>(params.maxFlowPixels)) - 1e-9);
}

PairMotion estimateMotion(const cv::Mat& a, const cv::Mat& b, const InterpolationParams& params) {
    requireSamePair(a, b);
    const double scale = flowLevelScale(a.size(), params);
    return motionFromLevels(levelGrey(a, scale), levelGrey(b, scale), a.cols, params);
}

cv::Mat warpBlend(const cv::Mat& a, const cv::Mat& b, const PairMotion& motion, double t,
                  const InterpolationParams& params) {
    requireSamePair(a, b);
    const TimeField field = timeField(motion, t, params.occlusionTolerancePx);
    const int width = a.cols, height = a.rows;
    const double levelToFrame = 1.0 / motion.scale;
    const double frameToLevelY = static_cast<double>(motion.forward.rows) / height;
    cv::Mat out(a.size(), a.type());
    const int strip = std::max(1, params.stripRows);
    for (int y0 = 0; y0 < height; y0 += strip) {
        const int y1 = std::min(height, y0 + strip);
        const cv::Mat paths = upsampleRows(field.paths, frameToLevelY, width, y0, y1);
        cv::Mat weights = upsampleRows(field.weights, frameToLevelY, width, y0, y1).clone();
        cv::Mat mapA(y1 - y0, width, CV_32FC2), mapB(y1 - y0, width, CV_32FC2);
        for (int y = y0; y < y1; ++y) {
            const auto* p = paths.ptr<cv::Vec4f>(y - y0);
            auto* w = weights.ptr<cv::Vec2f>(y - y0);
            auto* ma = mapA.ptr<cv::Vec2f>(y - y0);
            auto* mb = mapB.ptr<cv::Vec2f>(y - y0);
            for (int x = 0; x < width; ++x) {
                const auto ax = static_cast<float>(x + p[x][0] * levelToFrame);
                const auto ay = static_cast<float>(y + p[x][1] * levelToFrame);
                const auto bx = static_cast<float>(x + p[x][2] * levelToFrame);
                const auto by = static_cast<float>(y + p[x][3] * levelToFrame);
                ma[x] = cv::Vec2f(ax, ay);
                mb[x] = cv::Vec2f(bx, by);
                // A path leaving the frame has no source there: content entering through the edge.
                const bool aIn = ax > -0.5f && ay > -0.5f && ax < width - 0.5f && ay < height - 0.5f;
                const bool bIn = bx > -0.5f && by > -0.5f && bx < width - 0.5f && by < height - 0.5f;
                const float tw0 = static_cast<float>(1.0 - t), tw1 = static_cast<float>(t);
                w[x][0] = (aIn ? w[x][0] : 0.0f) + kWeightFloor * tw0;
                w[x][1] = (bIn ? w[x][1] : 0.0f) + kWeightFloor * tw1;
            }
        }
        cv::Mat warpA, warpB;
        cv::remap(a, warpA, mapA, cv::noArray(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
        cv::remap(b, warpB, mapB, cv::noArray(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
        cv::Mat dst = out.rowRange(y0, y1);
        if (a.depth() == CV_8U) blendRows<std::uint8_t>(warpA, warpB, weights, dst);
        else blendRows<std::uint16_t>(warpA, warpB, weights, dst);
    }
    return out;
}

cv::Mat crossFade(const cv::Mat& a, const cv::Mat& b, double t) {
    requireSamePair(a, b);
    cv::Mat out;
    cv::addWeighted(a, 1.0 - t, b, t, 0.0, out);
    return out;
}

PairResult interpolatePair(const cv::Mat& a, const cv::Mat& b, const InterpolationParams& params,
                           const CancelToken* cancel) {
    requireSamePair(a, b);
    PairResult r;
    const int f = params.factor;
    if (f <= 1) return r;
    r.frames.reserve(static_cast<std::size_t>(f - 1));
    InterpolationMethod method = params.method;
    PairMotion motion;
    if (method == InterpolationMethod::Flow) {
        // A large difference is a cut only if the motion cannot explain it: a fast pan or a big cloud shift
        // differs as much as a cut before compensation. The flow is needed anyway unless it is a cut.
        const bool check = params.sceneThresholdPercent > 0.0;
        const double scale = flowLevelScale(a.size(), params);
        const cv::Mat la = levelGrey(a, scale), lb = levelGrey(b, scale);
        if (check) r.sceneChangePercent = probeDifferencePercent(la, lb, fullScale(a));
        motion = motionFromLevels(la, lb, a.cols, params);
        r.compensatedPercent = motion.compensatedPercent;
        if (check && r.sceneChangePercent > params.sceneThresholdPercent &&
            motion.compensatedPercent > kCutUnexplainedShare * r.sceneChangePercent) {
            method = InterpolationMethod::Blend;
            r.fellBackToBlend = true;
        }
    }
    for (int k = 1; k < f; ++k) {
        if (cancel) cancel->throwIfCancelled();
        const double t = static_cast<double>(k) / f;
        switch (method) {
            case InterpolationMethod::Flow: r.frames.push_back(warpBlend(a, b, motion, t, params)); break;
            case InterpolationMethod::Blend: r.frames.push_back(crossFade(a, b, t)); break;
            case InterpolationMethod::Dup: r.frames.push_back((t < 0.5 ? a : b).clone()); break;
        }
    }
    return r;
}

std::uint64_t pairWorkingBytes(cv::Size frameSize, int cvType, const InterpolationParams& params) {
    const auto w = static_cast<std::uint64_t>(frameSize.width);
    const double scale = flowLevelScale(frameSize, params);
    const auto levelPx = static_cast<std::uint64_t>(std::ceil(frameSize.area() * scale * scale)) + 1;
    // Flow level: 2 grey images, 2 flows + 2 errors (kept), and while solving a time field: grid, 2 paths,
    // residuals, samples, merged 4+2 channels — about 30 floats per level pixel at the peak. DIS's pyramids
    // and patch buffers add roughly the same again.
    const std::uint64_t levelBytes = levelPx * (2 + 60 * sizeof(float));
    // One strip: upsampled paths (4 floats) and weights (2), two maps (2+2), two warped samples, and the
    // remap tables of the upsampling (2 floats).
    const auto stripPx = w * static_cast<std::uint64_t>(std::min(params.stripRows, frameSize.height));
    const std::uint64_t stripBytes = stripPx * (12 * sizeof(float) + 2 * CV_ELEM_SIZE(cvType));
    // The grey copy of a colour frame for the scene check and flow level is made at full size first.
    const std::uint64_t greyBytes = static_cast<std::uint64_t>(frameSize.area()) * CV_ELEM_SIZE1(cvType);
    return levelBytes + stripBytes + greyBytes;
}

}  // namespace skyweave
