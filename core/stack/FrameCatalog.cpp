#include "stack/FrameCatalog.h"

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "common/Errors.h"
#include "fits/FitsReader.h"
#include "stack/CombineKernel.h"

namespace skyweave {
namespace {

/// Rows sampled per frame for the normalisation median (every pixel of each sampled row).
constexpr int kNormalizationSampleRows = 256;

/// Rows looked at per frame to see that it holds data at all; a frame whose sampled rows are all
/// NaN/Inf is then read in full before it is skipped (mosaic edges can be NaN for many rows).
constexpr int kFiniteSampleRows = 16;
/// Floats read at a time by the full check and by the byte comparison of duplicate candidates.
constexpr std::size_t kScanChunkFloats = std::size_t{1} << 18;

bool isIdentity(const FrameTransform& t) { return t.isTranslation() && t.tx == 0.0 && t.ty == 0.0; }

bool anyFinite(const std::vector<float>& v, std::size_t n) {
    return std::any_of(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(n),
                       [](float x) { return std::isfinite(x); });
}

/// Whether the frame holds at least one finite pixel (FitsReader already turns ±Inf into NaN).
bool hasFinitePixel(const fits::FitsReader& reader) {
    const int w = reader.width(), h = reader.height();
    std::vector<float> row(static_cast<std::size_t>(w));
    const int step = std::max(1, h / kFiniteSampleRows);
    for (int y = step / 2; y < h; y += step) {
        reader.readRows(y, 1, row.data());
        if (anyFinite(row, row.size())) return true;
    }
    const int rows =
        static_cast<int>(std::max<std::size_t>(1, kScanChunkFloats / static_cast<std::size_t>(w)));
    std::vector<float> block(static_cast<std::size_t>(rows) * w);
    for (int y = 0; y < h; y += rows) {
        const int n = std::min(rows, h - y);
        reader.readRows(y, n, block.data());
        if (anyFinite(block, static_cast<std::size_t>(n) * w)) return true;
    }
    return false;
}

/// Byte-for-byte equality of two files (only run for frames whose size and header already agree).
bool sameBytes(const std::filesystem::path& a, const std::filesystem::path& b) {
    std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
    std::vector<char> ba(kScanChunkFloats), bb(kScanChunkFloats);
    while (fa && fb) {
        fa.read(ba.data(), static_cast<std::streamsize>(ba.size()));
        fb.read(bb.data(), static_cast<std::streamsize>(bb.size()));
        if (fa.gcount() != fb.gcount() ||
            std::memcmp(ba.data(), bb.data(), static_cast<std::size_t>(fa.gcount())) != 0)
            return false;
    }
    return fa.eof() && fb.eof();
}

/**
 * Finds inputs that would count one exposure twice: the same file given again (by path, link or
 * hard link) or a copy of an earlier frame. Copies are looked for only among frames whose file
 * size and complete header agree, so distinct exposures (different DATE-OBS) are never read twice.
 */
class DuplicateFinder {
public:
    /// Empty, or why `path` duplicates an earlier input.
    std::string check(const std::filesystem::path& path, const fits::FitsHeaderSummary& summary) {
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0) return {};
        const auto [it, fresh] = files_.emplace(std::make_pair(st.st_dev, st.st_ino), path);
        if (!fresh) return "given twice (same file as " + it->second.string() + ")";
        auto& group = byHeader_[{static_cast<long long>(st.st_size), summary.headerCards}];
        for (const auto& earlier : group)
            if (sameBytes(earlier, path))
                return "same content as " + earlier.string() + " (a copy of an exposure already stacked)";
        group.push_back(path);
        return {};
    }

private:
    std::map<std::pair<dev_t, ino_t>, std::filesystem::path> files_;
    std::map<std::pair<long long, std::string>, std::vector<std::filesystem::path>> byHeader_;
};

}  // namespace

FrameCatalog::FrameCatalog(const StackParams& params, ProgressSink& sink, const CancelToken& cancel) {
    const int n = static_cast<int>(params.inputs.size());
    const bool keepOpen = n <= kMaxOpenFrames;
    std::vector<std::unique_ptr<fits::FitsReader>> opened;
    DuplicateFinder duplicates;
    for (int i = 0; i < n; ++i) {
        cancel.throwIfCancelled();
        const auto& path = params.inputs[i];
        sink.report({i, n, "Checking frame " + std::to_string(i + 1) + "/" + std::to_string(n)});
        if (i < static_cast<int>(params.presetSkipReasons.size()) && !params.presetSkipReasons[i].empty()) {
            skipped_.push_back({path, params.presetSkipReasons[i]});
            continue;
        }
        if (i < static_cast<int>(params.weights.size()) && !(params.weights[i] > 0.0 && std::isfinite(params.weights[i]))) {
            skipped_.push_back({path, "weight " + std::to_string(params.weights[i]) + " is not positive"});
            continue;
        }
        try {
            auto reader = std::make_unique<fits::FitsReader>(path);
            if (auto why = duplicates.check(path, reader->summary()); !why.empty()) {
                skipped_.push_back({path, why});
                continue;
            }
            if (!hasFinitePixel(*reader)) {
                skipped_.push_back({path, "no finite pixel value (every pixel is NaN or ±Inf)"});
                continue;
            }
            StackFrame f;
            f.inputIndex = i;
            f.summary = reader->summary();
            f.stamp = FileStamp::of(path);
            if (i < static_cast<int>(params.transforms.size())) f.transform = params.transforms[i];
            f.identity = isIdentity(f.transform);
            if (i < static_cast<int>(params.weights.size())) f.weight = static_cast<float>(params.weights[i]);
            frames_.push_back(std::move(f));
            opened.push_back(keepOpen ? std::move(reader) : nullptr);
        } catch (const CancelledError&) {
            throw;
        } catch (const SkyweaveError& e) {
            skipped_.push_back({path, "unreadable: " + causeOnly(e.what(), path.string())});
        }
    }
    if (frames_.empty())
        throw SkyweaveError(ErrorKind::BadInput, "none of the " + std::to_string(n) + " input frames is usable" +
                                                     (skipped_.empty() ? "" : " (first: " + skipped_.front().reason + ")"));

    referencePos_ = 0;
    for (std::size_t p = 0; p < frames_.size(); ++p)
        if (frames_[p].inputIndex == params.referenceIndex) referencePos_ = static_cast<int>(p);
    const auto refSummary = frames_[referencePos_].summary;
    const int refInput = frames_[referencePos_].inputIndex;

    // Frames of another size cannot share the reference grid (a transform does not change that).
    std::vector<StackFrame> kept;
    for (std::size_t p = 0; p < frames_.size(); ++p) {
        const auto& s = frames_[p].summary;
        if (s.width != refSummary.width || s.height != refSummary.height) {
            std::ostringstream why;
            why << "size " << s.width << "×" << s.height << " differs from the reference " << refSummary.width << "×"
                << refSummary.height;
            skipped_.push_back({params.inputs[frames_[p].inputIndex], why.str()});
            continue;
        }
        if (frames_[p].inputIndex == refInput) referencePos_ = static_cast<int>(kept.size());
        kept.push_back(std::move(frames_[p]));
        if (keepOpen) readers_.push_back(std::move(opened[p]));
    }
    frames_ = std::move(kept);
    for (const auto& s : skipped_) sink.log(LogLevel::Warning, "Skipping " + s.path.string() + ": " + s.reason);
}

FrameCatalog::~FrameCatalog() = default;

std::uint64_t FrameCatalog::headerBytes() const {
    std::uint64_t bytes = 0;
    for (const auto& f : frames_) bytes += f.summary.headerCards.size();
    return bytes;
}

void FrameCatalog::readRows(int pos, int firstRow, int rowCount, float* out) const {
    try {
        if (!readers_.empty()) {
            readers_[pos]->readRows(firstRow, rowCount, out);
            return;
        }
        // Reopened for every strip when too many frames to keep open: the full tile walk was done when
        // the frame was catalogued, so repeat it only if the file changed since.
        const auto& frame = frames_[pos];
        const auto tiles = FileStamp::of(frame.summary.path) == frame.stamp ? fits::FitsReader::TileCheck::Trust
                                                                            : fits::FitsReader::TileCheck::Walk;
        fits::FitsReader(frame.summary.path, tiles).readRows(firstRow, rowCount, out);
    } catch (const CancelledError&) {
        throw;
    } catch (const SkyweaveError& e) {
        throw FrameReadFailure(pos, e.what());
    }
}

void FrameCatalog::drop(int pos, const std::string& reason) {
    const std::string path = frames_.at(pos).summary.path;
    if (pos == referencePos_)
        throw SkyweaveError(ErrorKind::Io, path + ": the reference frame became unreadable during the run (" + reason +
                                               "); its grid, WCS and median define the output, so the stack stops");
    skipped_.push_back({path, "became unreadable during the run: " + reason});
    frames_.erase(frames_.begin() + pos);
    if (!readers_.empty()) readers_.erase(readers_.begin() + pos);
    if (pos < referencePos_) --referencePos_;
}

float FrameCatalog::sampledMedian(int pos) const {
    const int w = width(), h = height();
    const int step = std::max(1, h / kNormalizationSampleRows);
    std::vector<float> samples;
    samples.reserve(static_cast<std::size_t>(w) * (h / step + 1));
    std::vector<float> row(w);
    for (int y = step / 2; y < h; y += step) {
        readRows(pos, y, 1, row.data());
        for (float v : row)
            if (!std::isnan(v)) samples.push_back(v);
    }
    return medianInPlace(samples.data(), static_cast<int>(samples.size()));
}

void FrameCatalog::normalize(Normalization mode, ProgressSink& sink, const CancelToken& cancel) {
    if (mode == Normalization::None) return;
    const float ref = sampledMedian(referencePos_);
    for (int p = 0; p < static_cast<int>(frames_.size()); ++p) {
        cancel.throwIfCancelled();
        sink.report({p, static_cast<std::int64_t>(frames_.size()), "Measuring frame medians"});
        const float m = p == referencePos_ ? ref : sampledMedian(p);
        if (mode == Normalization::Multiplicative) {
            if (!(m != 0.0f && std::isfinite(m)))
                throw SkyweaveError(ErrorKind::BadInput, frames_[p].summary.path + ": median " + std::to_string(m) +
                                                             " cannot be scaled to the reference (multiplicative normalisation)");
            frames_[p].scale = ref / m;
        } else {
            frames_[p].offset = ref - m;
        }
    }
}

}  // namespace skyweave
