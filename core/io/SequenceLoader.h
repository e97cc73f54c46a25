#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "common/FileStamp.h"
#include "io/FrameOrder.h"
#include "io/FrameSink.h"
#include "io/ImageHeader.h"

namespace skyweave {

/// How a folder or list of images becomes a sequence of equally sized frames.
struct SequenceParams {
    FrameOrder order = FrameOrder::Auto;
    std::optional<cv::Rect> crop;        ///< in source pixels, applied before scaling
    double scale = 1.0;                  ///< (0, 1]: output size = crop size × scale (area averaging)
    std::uint64_t maxImageBytes = 0;     ///< decoded size limit per image (--max-image-mb); 0 = none
};

/// Everything known about a sequence from its headers alone.
struct SequenceInfo {
    std::vector<std::filesystem::path> frames;  ///< in time order
    FrameOrder orderUsed = FrameOrder::Name;
    int sourceWidth = 0;
    int sourceHeight = 0;
    std::uint64_t sourceFrameBytes = 0;  ///< largest decoded size of one source image (before crop)
    FrameFormat format;                  ///< what load() returns: size after crop and scale, channels, depth
};

/**
 * @brief Discovers, orders and loads the frames of an image sequence.
 *
 * The constructor lists the inputs (a folder contributes its PNG/JPEG/TIFF/BMP files, not
 * recursively and without hidden files), orders them, and reads every header — no pixel is
 * decoded — so an oversized, mismatched or broken frame is refused before any work starts.
 * Frames are then decoded one at a time with load(), which is const and safe to call from
 * several threads. Grey and colour, 8- and 16-bit frames may be mixed: every frame is brought
 * to the widest format found (colour if any is colour, 16-bit if any is deeper than 8 bits).
 */
class SequenceLoader {
public:
    /// @throws SkyweaveError(BadInput) naming the file: no frames, unreadable header, size mismatch,
    ///         over maxImageBytes, crop outside the frame, bad scale.
    SequenceLoader(const std::vector<std::filesystem::path>& inputs, const SequenceParams& params);

    [[nodiscard]] const SequenceInfo& info() const { return info_; }
    [[nodiscard]] std::size_t size() const { return info_.frames.size(); }

    /// Decodes frame `index` (everyday PNGs through decodePng(), everything else through OpenCV),
    /// drops alpha, converts to info().format, crops and scales.
    /// @throws SkyweaveError(BadInput) when the file does not decode or disagrees with its header.
    [[nodiscard]] cv::Mat load(std::size_t index) const;

    /// File extensions a folder contributes (lower case, with the dot).
    static const std::vector<std::string>& imageExtensions();

    /// Whether frame `index` was deleted, resized or rewritten since its header was checked: a decode
    /// failure then means the file became unreadable during the run, not that it was bad from the start.
    [[nodiscard]] bool changedSinceChecked(std::size_t index) const;

private:
    SequenceParams params_;
    SequenceInfo info_;
    std::vector<FileStamp> checked_;  ///< per frame, when its header was read
};

}  // namespace skyweave
