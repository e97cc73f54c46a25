#include "stack/StripPlanner.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "common/Errors.h"

namespace skyweave {
namespace {

constexpr std::uint64_t kFloatBytes = 4;
constexpr std::uint64_t kOutputBytesPerPixel = 4 + 4;      // value + coverage count
constexpr std::uint64_t kRejectionMapBytesPerPixel = 4;
constexpr std::uint64_t kChunkAccumulatorBytesPerPixel = 8 + 8 + 4;  // sum, weight sum, running min/max
constexpr std::uint64_t kScratchBytesPerFrame = 4 * 4;     // gather, work, weights, spare
constexpr std::uint64_t kLaneSortBytesPerFrame = 16 * 4 + 4;  // LaneKernel rows of 16 lanes + its column

std::string mib(std::uint64_t bytes) {
    std::ostringstream s;
    s.precision(1);
    s << std::fixed << static_cast<double>(bytes) / (1024.0 * 1024.0) << " MiB";
    return s.str();
}

bool isIdentity(const FrameTransform& t) { return t.isTranslation() && t.tx == 0.0 && t.ty == 0.0; }

/// Largest R in [1, maxRows] with workers·stripBytes(R) ≤ available, or 0.
int largestRows(const StripPlanner::Input& in, int frames, bool chunked, int workers, std::uint64_t available, int maxRows) {
    auto fits = [&](int rows) { return workers * StripPlanner::stripBytes(in, rows, frames, chunked) <= available; };
    if (!fits(1)) return 0;
    int lo = 1, hi = maxRows;
    while (lo < hi) {
        const int mid = lo + (hi - lo + 1) / 2;
        if (fits(mid)) lo = mid;
        else hi = mid - 1;
    }
    return lo;
}

}  // namespace

int StripPlanner::inputRowsNeeded(const FrameTransform& t, int width, int rows, int margin, int height) {
    if (isIdentity(t)) return rows;
    // y_in = c·x + d·y + ty over a full-width strip spans |c|·(W−1) + |d|·(R−1) rows, plus the
    // interpolation support on both sides and one for the floor of a fractional start.
    const double span = std::fabs(t.c) * (width - 1) + std::fabs(t.d) * (rows - 1);
    const long long needed = static_cast<long long>(std::ceil(span)) + 2LL * margin + 2;
    return static_cast<int>(std::min<long long>(needed, height));
}

std::uint64_t StripPlanner::stripBytes(const Input& in, int rows, int frames, bool chunked) {
    const std::uint64_t w = static_cast<std::uint64_t>(in.width);
    const std::uint64_t r = static_cast<std::uint64_t>(rows);
    std::uint64_t rawRows = 0;
    for (const auto& t : in.transforms)
        rawRows = std::max<std::uint64_t>(rawRows, isIdentity(t) ? 0 : inputRowsNeeded(t, in.width, rows, in.interpolationMargin, in.height));
    std::uint64_t bytes = static_cast<std::uint64_t>(frames) * r * w * kFloatBytes;
    bytes += rawRows * w * kFloatBytes;
    bytes += r * w * (kOutputBytesPerPixel + (in.rejectionMap ? kRejectionMapBytesPerPixel : 0));
    if (chunked) bytes += r * w * kChunkAccumulatorBytesPerPixel;
    bytes += static_cast<std::uint64_t>(frames) * (kScratchBytesPerFrame + kLaneSortBytesPerFrame);
    return bytes + kPerWorkerOverheadBytes;
}

std::uint64_t StripPlanner::fixedBytes(const Input& in) {
    return kRunOverheadBytes + static_cast<std::uint64_t>(in.frameCount) * kPerFrameOverheadBytes + in.headerBytes;
}

StripPlan StripPlanner::plan(const Input& in) {
    if (in.width < 1 || in.height < 1 || in.frameCount < 1)
        throw SkyweaveError(ErrorKind::Internal, "strip planner: empty stack");
    StripPlan p;
    p.fixedBytes = fixedBytes(in);
    const std::uint64_t available = in.memoryLimitBytes > p.fixedBytes ? in.memoryLimitBytes - p.fixedBytes : 0;
    const int threads = std::max(1, in.threads);

    auto tryPlan = [&](int frames, bool chunked) {
        for (int workers = threads; workers >= 1; --workers) {
            const int maxRows = (in.height + workers - 1) / workers;  // every worker gets a strip
            const int rows = largestRows(in, frames, chunked, workers, available, maxRows);
            if (rows >= 1) {
                p.workers = workers;
                p.rowsPerStrip = rows;
                return true;
            }
        }
        return false;
    };

    bool ok = false;
    if (!in.forceChunked) {
        p.framesPerChunk = in.frameCount;
        ok = tryPlan(in.frameCount, false);
    }
    if (!ok) {
        p.chunked = true;
        int frames = in.forceChunked ? std::clamp(in.chunkSize, 1, in.frameCount) : in.frameCount - 1;
        // Largest chunk that fits one row, never more than asked for.
        while (frames >= 1 && StripPlanner::stripBytes(in, 1, frames, true) > available) --frames;
        if (frames < (in.frameCount >= 2 ? 2 : 1)) {
            throw SkyweaveError(ErrorKind::Memory,
                                "memory limit " + mib(in.memoryLimitBytes) + " is too small: one output row of 2 frames " +
                                    std::to_string(in.width) + " pixels wide needs " +
                                    mib(stripBytes(in, 1, 2, true) + p.fixedBytes) + " (with " + mib(p.fixedBytes) +
                                    " for " + std::to_string(in.frameCount) + " open frames)");
        }
        p.framesPerChunk = frames;
        ok = tryPlan(frames, true);
    }
    p.chunkCount = (in.frameCount + p.framesPerChunk - 1) / p.framesPerChunk;
    p.stripCount = (in.height + p.rowsPerStrip - 1) / p.rowsPerStrip;
    p.bytesPerStrip = stripBytes(in, p.rowsPerStrip, p.framesPerChunk, p.chunked);
    p.plannedPeakBytes = p.fixedBytes + static_cast<std::uint64_t>(p.workers) * p.bytesPerStrip;
    std::ostringstream s;
    s << p.stripCount << " strips of " << p.rowsPerStrip << " rows, " << p.workers << " in flight, "
      << mib(p.bytesPerStrip) << " each, planned peak " << mib(p.plannedPeakBytes) << " of " << mib(in.memoryLimitBytes);
    if (p.chunked) s << "; frames combined in " << p.chunkCount << " chunks of up to " << p.framesPerChunk;
    p.summary = s.str();
    return p;
}

}  // namespace skyweave
