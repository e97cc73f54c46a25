#pragma once

#include <cstdint>
#include <functional>

namespace skyweave {

class CancelToken;
class FrameCatalog;
struct StackParams;
struct StripPlan;
namespace fits {
class FitsWriter;
}

/// Rows [y0, y0 + rows) of the output.
struct StripTask {
    int y0 = 0;
    int rows = 0;
};

/// Everything a worker needs to turn one strip task into output rows.
struct StripContext {
    const StackParams& params;
    const FrameCatalog& catalog;
    const StripPlan& plan;
    fits::FitsWriter& writer;
    int primaryHdu, coverageHdu, rejectedHdu;
    bool exactChunks;  ///< chunk merge reproduces the unchunked result exactly
    bool weighted;
};

/**
 * @brief One strip: read every frame's rows (per chunk), combine each pixel, write the rows.
 *
 * Called by the strip workers of StackEngine, several strips at once: each call owns its buffers,
 * reads its rows of every frame through the catalog and writes the output rows through the writer.
 * `probe` (tests; may be empty) is called with the strip's byte count before its buffers are allocated.
 * @throws std::bad_alloc when the strip's buffers cannot be allocated (the caller splits the strip).
 */
void processStrip(const StripContext& ctx, const StripTask& t, const CancelToken& cancel,
                  const std::function<void(std::uint64_t)>& probe);

}  // namespace skyweave
