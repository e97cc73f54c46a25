#include "stack/FrameCatalog.h"

#include <algorithm>
#include <cmath>

#include "common/Errors.h"
#include "fits/FitsReader.h"
#include "stack/CombineKernel.h"
#include "stack/StackEligibility.h"

namespace skyweave {
namespace {

/// Rows sampled per frame for the normalisation median (every pixel of each sampled row).
constexpr int kNormalizationSampleRows = 256;

/// At most this many files are named in the error when no input frame is usable.
constexpr std::size_t kMaxNamedFiles = 20;

bool isIdentity(const FrameTransform& t) { return t.isTranslation() && t.tx == 0.0 && t.ty == 0.0; }

}  // namespace

FrameCatalog::FrameCatalog(const StackParams& params, ProgressSink& sink, const CancelToken& cancel) {
    const int n = static_cast<int>(params.inputs.size());
    const bool keepOpen = n <= kMaxOpenFrames;
    EligibilityRules rules{params.presetSkipReasons, params.weights, params.referenceIndex};
    std::vector<FrameFacts> facts(n);
    std::vector<std::unique_ptr<fits::FitsReader>> opened(n);
    for (int i = 0; i < n; ++i) {
        cancel.throwIfCancelled();
        sink.report({i, n, "Checking frame " + std::to_string(i + 1) + "/" + std::to_string(n), "frames"});
        facts[i].path = params.inputs[i];
        if (!skippedBeforeReading(static_cast<std::size_t>(i), rules))
            facts[i] = inspectFrame(params.inputs[i], keepOpen ? &opened[i] : nullptr);
    }
    const std::vector<FrameVerdict> verdicts = judgeFrames(facts, rules);
    // Reasons of the frames themselves first, in input order, then the size mismatches with the reference.
    for (bool sizes : {false, true})
        for (int i = 0; i < n; ++i)
            if (!verdicts[i].reason.empty() && verdicts[i].sizeMismatch == sizes) skipped_.push_back({params.inputs[i], verdicts[i].reason});
    const int reference = referenceOf(verdicts, params.referenceIndex);
    if (reference < 0) {
        std::string list;
        for (std::size_t k = 0; k < skipped_.size() && k < kMaxNamedFiles; ++k)
            list += "\n  " + skipped_[k].path.string() + ": " + skipped_[k].reason;
        if (skipped_.size() > kMaxNamedFiles) list += "\n  … and " + std::to_string(skipped_.size() - kMaxNamedFiles) + " more";
        throw SkyweaveError(ErrorKind::BadInput, "none of the " + std::to_string(n) + " input frames is usable:" + list);
    }
    for (int i = 0; i < n; ++i) {
        if (!verdicts[i].reason.empty()) continue;
        StackFrame f;
        f.inputIndex = i;
        f.summary = *facts[i].summary;
        f.stamp = FileStamp::of(params.inputs[i]);
        if (i < static_cast<int>(params.transforms.size())) f.transform = params.transforms[i];
        f.identity = isIdentity(f.transform);
        if (i < static_cast<int>(params.weights.size())) f.weight = static_cast<float>(params.weights[i]);
        if (i == reference) referencePos_ = static_cast<int>(frames_.size());
        frames_.push_back(std::move(f));
        if (keepOpen) readers_.push_back(std::move(opened[i]));
    }
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
        sink.report({p, static_cast<std::int64_t>(frames_.size()), "Measuring frame medians", "frames"});
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
