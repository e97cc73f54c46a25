#pragma once

#include <memory>
#include <vector>

#include "common/CancelToken.h"
#include "common/Errors.h"
#include "common/FileStamp.h"
#include "common/ProgressSink.h"
#include "fits/FitsHeaderSummary.h"
#include "stack/StackParams.h"
#include "stack/StackResult.h"

namespace skyweave {

namespace fits {
class FitsReader;
}

/**
 * @brief A frame that opened and passed its checks but whose rows could not be read later in the
 *        run (truncated, replaced or deleted meanwhile). The engine leaves it out and starts over.
 */
class FrameReadFailure : public SkyweaveError {
public:
    FrameReadFailure(int position, const std::string& message) : SkyweaveError(ErrorKind::Io, message), position_(position) {}
    /// Index into FrameCatalog::frames().
    [[nodiscard]] int position() const { return position_; }

private:
    int position_;
};

/// One usable input frame and how it enters the combine.
struct StackFrame {
    int inputIndex = 0;
    fits::FitsHeaderSummary summary;
    FrameTransform transform;
    bool identity = true;   ///< read straight into the strip, no resampling
    float weight = 1.0f;
    float scale = 1.0f;     ///< multiplicative normalisation
    float offset = 0.0f;    ///< additive normalisation
    FileStamp stamp;        ///< when it was opened and checked in full
};

/**
 * @brief Opens and checks every input once, keeps the usable ones and reads their rows.
 *
 * Which frames are used is judgeFrames()'s verdict (core/stack/StackEligibility, shared with the
 * Stack tab): a frame is skipped (with the reason) when it cannot be opened as a 2-D FITS image, when it
 * duplicates an earlier input (the same file given twice, or a byte-identical copy — it would
 * count one exposure twice), when it holds no finite pixel (all NaN/±Inf), when its size differs
 * from the reference frame, or when the caller preset a reason (no WCS, alignment failed).
 * Files stay open while there are at most kMaxOpenFrames of them (each row read then costs one
 * seek); beyond that each read reopens the file, trading header parsing for handles.
 */
class FrameCatalog {
public:
    static constexpr int kMaxOpenFrames = 512;

    FrameCatalog(const StackParams& params, ProgressSink& sink, const CancelToken& cancel);
    ~FrameCatalog();

    [[nodiscard]] const std::vector<StackFrame>& frames() const { return frames_; }
    [[nodiscard]] const std::vector<SkippedFrame>& skipped() const { return skipped_; }
    [[nodiscard]] const StackFrame& reference() const { return frames_.at(referencePos_); }
    [[nodiscard]] int width() const { return reference().summary.width; }
    [[nodiscard]] int height() const { return reference().summary.height; }
    [[nodiscard]] std::uint64_t headerBytes() const;

    /// Thread-safe row read of usable frame `pos` (index into frames()). @throws FrameReadFailure.
    void readRows(int pos, int firstRow, int rowCount, float* out) const;

    /**
     * @brief Leaves out frame `pos` (index into frames()) that became unreadable, with the reason.
     * @throws SkyweaveError(Io) when it is the reference frame: its grid, WCS and median define the output.
     */
    void drop(int pos, const std::string& reason);

    /// Sets scale/offset of every frame so its median matches the reference frame's (sampled rows).
    void normalize(Normalization mode, ProgressSink& sink, const CancelToken& cancel);

private:
    float sampledMedian(int pos) const;

    std::vector<StackFrame> frames_;
    std::vector<SkippedFrame> skipped_;
    std::vector<std::unique_ptr<fits::FitsReader>> readers_;  // empty when reopening per read
    int referencePos_ = 0;
};

}  // namespace skyweave
