#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "common/CancelToken.h"
#include "common/ProgressSink.h"
#include "sample/SampleParams.h"

namespace skyweave::sample {

/// What to generate: either part can be switched off, and each has its own sizes and counts.
struct SampleOptions {
    StarFieldParams fits;
    CloudLoopParams loop;
    bool writeFits = true;
    bool writeLoop = true;
    bool overwrite = false;  ///< replace files of the same name (otherwise an existing file is an error)
};

/// Every file one generate() call wrote, by role.
struct SampleManifest {
    std::filesystem::path outDir;
    std::filesystem::path fitsDir;  ///< empty when the FITS part was off
    std::filesystem::path loopDir;  ///< empty when the loop part was off
    std::vector<std::filesystem::path> fitsFrames;
    std::filesystem::path ephemerisCsv;
    std::filesystem::path ephemerisHorizons;
    std::filesystem::path truthJson;
    std::vector<std::filesystem::path> loopFrames;
    std::string objectName;
    int starCount = 0;

    /// All files, in the order written.
    [[nodiscard]] std::vector<std::filesystem::path> allFiles() const;
};

/**
 * @brief Writes Skyweave's sample data into a folder: `fits/` (frames, ephemeris, truth) and `loop/` (PNGs).
 *
 * fits/: light_001.fits … (BITPIX −32, TAN WCS per frame), ephemeris.csv (`time,ra_deg,dec_deg`),
 * ephemeris_horizons.txt (JPL Horizons observer-table layout), truth.json (the asteroid's true pixel
 * positions per frame, its rates, the star count, cosmic-ray hits). loop/: goes_YYYYMMDD_HHMMSS.png.
 * Every file is written atomically; the output is identical for identical options.
 */
class SampleGenerator {
public:
    explicit SampleGenerator(SampleOptions options);

    /**
     * @brief Generates everything the options ask for below `outDir` (created when missing).
     * @throws SkyweaveError(Io) when a folder cannot be created or a file exists / cannot be written;
     *         CancelledError when `cancel` fires (files already finished stay).
     */
    SampleManifest generate(const std::filesystem::path& outDir, ProgressSink& progress,
                            const CancelToken& cancel) const;

    static constexpr const char* kFitsFolder = "fits";
    static constexpr const char* kLoopFolder = "loop";

private:
    SampleOptions options_;
};

}  // namespace skyweave::sample
