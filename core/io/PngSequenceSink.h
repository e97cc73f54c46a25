#pragma once

#include <filesystem>
#include <string>

#include "io/FrameSink.h"

namespace skyweave {

/**
 * @brief Writes every frame as `frame_000000.png`, `frame_000001.png`, … into a folder.
 *
 * Frames go into a hidden temporary folder next to the target, which is renamed onto the target
 * by finish(); abort(), a failure or destruction without finish() removes it, so a cancelled run
 * leaves nothing behind. The target may exist only if it is empty (or `overwrite` is set, in which
 * case the old folder is replaced only once the new one is complete). 8- and 16-bit, grey or BGR.
 */
class PngSequenceSink final : public FrameSink {
public:
    /// @param compression PNG zlib level 0–9; 1 (Sub filter, RLE) is the fast one and still lossless.
    PngSequenceSink(std::filesystem::path folder, bool overwrite, int compression = 1);
    ~PngSequenceSink() override;
    PngSequenceSink(const PngSequenceSink&) = delete;
    PngSequenceSink& operator=(const PngSequenceSink&) = delete;

    void open(const FrameFormat& format) override;
    void write(const cv::Mat& frame) override;
    void finish() override;
    void abort() noexcept override;
    [[nodiscard]] std::string describe() const override;

    [[nodiscard]] long long framesWritten() const { return written_; }
    /// "frame_000042.png"
    static std::string frameName(long long index);

private:
    std::filesystem::path folder_;
    std::filesystem::path temp_;
    bool overwrite_;
    int compression_;
    FrameFormat format_;
    long long written_ = 0;
    bool open_ = false;
};

}  // namespace skyweave
