#include "stack/StackEligibility.h"

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "common/Errors.h"
#include "fits/FitsReader.h"

namespace skyweave {
namespace {

/// Rows looked at per frame to see that it holds data at all; a frame whose sampled rows are all
/// NaN/Inf is then read in full before it is skipped (mosaic edges can be NaN for many rows).
constexpr int kFiniteSampleRows = 16;
/// Floats read at a time by the full check, and bytes by the comparison of duplicate candidates.
constexpr std::size_t kScanChunk = std::size_t{1} << 18;

bool anyFinite(const std::vector<float>& v, std::size_t n) {
    return std::any_of(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(n), [](float x) { return std::isfinite(x); });
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
    const int rows = static_cast<int>(std::max<std::size_t>(1, kScanChunk / static_cast<std::size_t>(w)));
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
    std::vector<char> ba(kScanChunk), bb(kScanChunk);
    while (fa && fb) {
        fa.read(ba.data(), static_cast<std::streamsize>(ba.size()));
        fb.read(bb.data(), static_cast<std::streamsize>(bb.size()));
        if (fa.gcount() != fb.gcount() || std::memcmp(ba.data(), bb.data(), static_cast<std::size_t>(fa.gcount())) != 0)
            return false;
    }
    return fa.eof() && fb.eof();
}

/// Empty, or why frame `i` duplicates an earlier usable one.
class DuplicateFinder {
public:
    std::string check(const FrameFacts& f) {
        const auto [it, fresh] = files_.emplace(std::make_pair(f.device, f.inode), f.path);
        if (!fresh) return "given twice (same file as " + it->second.string() + ")";
        auto& group = byHeader_[{f.sizeBytes, f.summary->headerCards}];
        for (const auto& earlier : group)
            if (sameBytes(earlier, f.path))
                return "same content as " + earlier.string() + " (a copy of an exposure already stacked)";
        group.push_back(f.path);
        return {};
    }

private:
    std::map<std::pair<std::uint64_t, std::uint64_t>, std::filesystem::path> files_;
    std::map<std::pair<std::uint64_t, std::string>, std::vector<std::filesystem::path>> byHeader_;
};

/// Reasons that depend on the frame alone (and on earlier frames, for duplicates), before the reference is known.
std::string ownReason(std::size_t i, const FrameFacts& f, const EligibilityRules& rules, DuplicateFinder& duplicates) {
    if (i < rules.presetSkipReasons.size() && !rules.presetSkipReasons[i].empty()) return rules.presetSkipReasons[i];
    if (i < rules.weights.size() && !(rules.weights[i] > 0.0 && std::isfinite(rules.weights[i])))
        return "weight " + std::to_string(rules.weights[i]) + " is not positive";
    if (!f.summary) return "unreadable: " + (f.error.empty() ? std::string("not a FITS image") : f.error);
    if (auto why = duplicates.check(f); !why.empty()) return why;
    if (!f.hasFinitePixel) return "no finite pixel value (every pixel is NaN or ±Inf)";
    if (rules.requireCelestialWcs && !f.summary->hasCelestialWcs)
        return "no celestial WCS (needed for WCS alignment or tracking)";
    return {};
}

}  // namespace

FrameFacts inspectFrame(const std::filesystem::path& path, std::unique_ptr<fits::FitsReader>* keepOpen) {
    FrameFacts f;
    f.path = path;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        f.device = static_cast<std::uint64_t>(st.st_dev);
        f.inode = static_cast<std::uint64_t>(st.st_ino);
        f.sizeBytes = static_cast<std::uint64_t>(st.st_size);
    }
    try {
        auto reader = std::make_unique<fits::FitsReader>(path);
        f.summary = reader->summary();
        f.hasFinitePixel = hasFinitePixel(*reader);
        if (keepOpen) *keepOpen = std::move(reader);
    } catch (const CancelledError&) {
        throw;
    } catch (const SkyweaveError& e) {
        f.summary.reset();
        f.error = causeOnly(e.what(), path.string());
    }
    return f;
}

std::vector<FrameVerdict> judgeFrames(const std::vector<FrameFacts>& facts, const EligibilityRules& rules) {
    std::vector<FrameVerdict> verdicts(facts.size());
    DuplicateFinder duplicates;
    for (std::size_t i = 0; i < facts.size(); ++i) verdicts[i].reason = ownReason(i, facts[i], rules, duplicates);
    const int ref = referenceOf(verdicts, rules.referenceIndex);
    if (ref < 0) return verdicts;
    // Frames of another size cannot share the reference grid (a transform does not change that).
    const auto& r = *facts[static_cast<std::size_t>(ref)].summary;
    for (std::size_t i = 0; i < facts.size(); ++i) {
        if (!verdicts[i].reason.empty()) continue;
        const auto& s = *facts[i].summary;
        if (s.width == r.width && s.height == r.height) continue;
        std::ostringstream why;
        why << "size " << s.width << "×" << s.height << " differs from the reference " << r.width << "×" << r.height;
        verdicts[i] = {why.str(), true};
    }
    return verdicts;
}

bool skippedBeforeReading(std::size_t i, const EligibilityRules& rules) {
    return (i < rules.presetSkipReasons.size() && !rules.presetSkipReasons[i].empty()) ||
           (i < rules.weights.size() && !(rules.weights[i] > 0.0 && std::isfinite(rules.weights[i])));
}

int referenceOf(const std::vector<FrameVerdict>& verdicts, int preferred) {
    if (preferred >= 0 && preferred < static_cast<int>(verdicts.size()) && verdicts[preferred].reason.empty()) return preferred;
    for (std::size_t i = 0; i < verdicts.size(); ++i)
        if (verdicts[i].reason.empty()) return static_cast<int>(i);
    return -1;
}

}  // namespace skyweave
