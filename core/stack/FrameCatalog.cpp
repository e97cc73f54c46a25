#include "stack/FrameCatalog.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "common/Errors.h"
#include "fits/FitsReader.h"
#include "stack/CombineKernel.h"

namespace skyweave {
namespace {

/// Rows sampled per frame for the normalisation median (every pixel of each sampled row).
constexpr int kNormalizationSampleRows = 256;

bool isIdentity(const FrameTransform& t) { return t.isTranslation() && t.tx == 0.0 && t.ty == 0.0; }

}  // namespace

FrameCatalog::FrameCatalog(const StackParams& params, ProgressSink& sink, const CancelToken& cancel) {
    const int n = static_cast<int>(params.inputs.size());
    const bool keepOpen = n <= kMaxOpenFrames;
    std::vector<std::unique_ptr<fits::FitsReader>> opened;
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
            StackFrame f;
            f.inputIndex = i;
            f.summary = reader->summary();
            if (i < static_cast<int>(params.transforms.size())) f.transform = params.transforms[i];
            f.identity = isIdentity(f.transform);
            if (i < static_cast<int>(params.weights.size())) f.weight = static_cast<float>(params.weights[i]);
            frames_.push_back(std::move(f));
            opened.push_back(keepOpen ? std::move(reader) : nullptr);
        } catch (const CancelledError&) {
            throw;
        } catch (const SkyweaveError& e) {
            skipped_.push_back({path, std::string("unreadable: ") + e.what()});
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
    for (const auto& s : skipped_) sink.log(2, "Skipping " + s.path.string() + ": " + s.reason);
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
        fits::FitsReader(frames_[pos].summary.path).readRows(firstRow, rowCount, out);
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
