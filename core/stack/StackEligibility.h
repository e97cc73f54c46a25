#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fits/FitsHeaderSummary.h"

namespace skyweave {

namespace fits {
class FitsReader;
}

/// What one input file says by itself: read once, by the stack's catalogue or the Stack tab's probe.
struct FrameFacts {
    std::filesystem::path path;
    std::optional<fits::FitsHeaderSummary> summary;  ///< empty when the file cannot be used as a FITS image
    std::string error;                               ///< why not, without the leading "path: "
    bool hasFinitePixel = true;                      ///< false: every pixel is NaN or ±Inf
    std::uint64_t device = 0;                        ///< with inode: the same file under two names
    std::uint64_t inode = 0;
    std::uint64_t sizeBytes = 0;
};

/**
 * @brief Opens `path` and reads what eligibility needs: the header and whether any pixel is finite.
 *
 * Never throws for a bad file (the reason goes into `error`); CancelledError is not involved. When
 * `keepOpen` is given and the file is usable, the open reader is handed over (the catalogue reads
 * its rows later without opening it again).
 */
FrameFacts inspectFrame(const std::filesystem::path& path, std::unique_ptr<fits::FitsReader>* keepOpen = nullptr);

/// What the caller adds to the files' own facts.
struct EligibilityRules {
    std::vector<std::string> presetSkipReasons;  ///< per input; non-empty = skipped with this reason (registration)
    std::vector<double> weights;                 ///< per input or empty; a weight ≤ 0 skips the frame
    int referenceIndex = 0;                      ///< preferred reference (its size is the stack's)
    bool requireCelestialWcs = false;            ///< WCS alignment or tracking: frames without one are skipped
};

/// Whether input `i` is skipped for a reason of the caller's (preset reason, weight), without reading it.
bool skippedBeforeReading(std::size_t i, const EligibilityRules& rules);

/// One input's verdict. `reason` empty: the frame is stacked.
struct FrameVerdict {
    std::string reason;
    bool sizeMismatch = false;  ///< skipped because its size differs from the reference frame's
};

/**
 * @brief The stack's rules for which inputs are used, in input order: the one function behind the
 *        engine's FrameCatalog and the Stack tab's Status column, so a row says what the engine will do.
 *
 * A frame is skipped when the caller preset a reason, its weight is not positive, it is unreadable,
 * it duplicates an earlier input (the same file again, or a byte-identical copy — one exposure would
 * count twice), it holds no finite pixel, it lacks a required celestial WCS, or its size differs from
 * the reference frame (the preferred one if usable, else the first usable). Copies are looked for only
 * among files whose size and complete header agree, so distinct exposures are never read for it.
 */
std::vector<FrameVerdict> judgeFrames(const std::vector<FrameFacts>& facts, const EligibilityRules& rules);

/// Index of the reference among `verdicts` (the preferred one if usable, else the first usable), or -1.
int referenceOf(const std::vector<FrameVerdict>& verdicts, int preferred);

}  // namespace skyweave
