#pragma once

#include "stack/StackParams.h"
#include "stack/StackResult.h"

namespace skyweave {

namespace fits {
class FitsWriter;
}
class FrameCatalog;

/**
 * @brief Writes the provenance of a stack into the output's primary header.
 *
 * Reference frame's header (WCS included; structural, per-exposure and frame-type keys excluded),
 * then NCOMBINE, EXPTIME (sum over the frames combined), IMAGETYP (the type all combined frames
 * share, else MIXED with the counts in HISTORY), DATE-OBS (middle of the span), MJD-MID, method and rejection
 * parameters, HIERARCH CHUNKED_PROCESSING / TOTAL_CHUNKS / MOTION_TRACKED / TRACKED_OBJECT,
 * and HISTORY lines for every frame used (with its transform) or skipped (with the reason).
 */
class StackHeader {
public:
    static void write(fits::FitsWriter& writer, int hdu, const StackParams& params, const FrameCatalog& catalog,
                      const StackResult& result);
    /// Rewrites TOTAL_STRIPS (and TOTAL_CHUNKS when not chunked) after allocation retries changed the count.
    static void updateStripCount(fits::FitsWriter& writer, int hdu, const StackResult& result);
};

}  // namespace skyweave
