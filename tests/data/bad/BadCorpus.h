#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace skyweave::test {

/// Which part of Skyweave refuses a case, and which CLI command the tests run on it (see cases.tsv).
enum class BadSurface { Fits, Stack, Wcs, Ephemeris, Image, Decode, Interp, Ok };

/// One line of tests/data/bad/cases.tsv.
struct BadCase {
    std::string name;
    std::vector<std::string> inputs;  ///< file names inside the corpus folder, in command-line order
    BadSurface surface = BadSurface::Ok;
    std::string blamed;  ///< the file the error must name
    std::string cause;   ///< substring the error must contain ("-" for accepted cases)

    /// The FITS frames among inputs (the ephemeris surface also lists its .csv).
    [[nodiscard]] std::vector<std::string> frames() const;
};

/// Reads the manifest (tests/data/bad/cases.tsv); throws std::runtime_error on a malformed line.
std::vector<BadCase> readBadCases(const std::filesystem::path& manifest);

/// The manifest of the source tree this test binary was built from.
std::filesystem::path badCaseManifest();

/**
 * @brief Writes every file the manifest's cases use into `dir` (created if needed).
 *
 * The good frames the cases pair with (good_a.fits, good_b.fits: 32×24 float32 with TAN WCS and
 * DATE-OBS one minute apart; loop_a.png …: 64×48 grey) and every bad file are made by code, so
 * the corpus is the same on every run. Throws std::runtime_error when a manifest case has no
 * writer. Permission cases that depend on the user (chmod 000) are made by the tests themselves.
 */
void writeBadCorpus(const std::filesystem::path& dir, const std::vector<BadCase>& cases);

/// Name of the surface as in the manifest ("fits", "image", …).
std::string surfaceName(BadSurface surface);

}  // namespace skyweave::test
