#pragma once

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "fits/FitsHandles.h"
#include "fits/FitsHeaderSummary.h"

namespace skyweave::fits {

/**
 * @brief Reads one FITS image as float32, whole or by row ranges, without loading the file.
 *
 * Opens the primary HDU, or the first HDU holding an image (so tile-compressed `.fz` files work:
 * cfitsio decompresses only the tiles a read touches). Every BITPIX (8, 16, 32, 64, −32, −64)
 * is converted to float32 with BZERO/BSCALE applied; BLANK (integer) and NaN (float) pixels
 * come out as NaN, and so do ±Inf float pixels (missing data, never a measurement). The file and
 * header are checked before anything is allocated: a regular readable file starting with
 * `SIMPLE  =` (or gzip/compress/zip, which cfitsio unpacks), NAXIS 2 (or higher with every extra
 * axis of length 1 — a cube with NAXIS3 > 1 is refused, never cut to its first plane), each axis
 * within kMaxAxisLength, and, for a plain file, enough bytes for the whole data unit. HDUs are
 * visited only up to the first image; each extension header is checked before cfitsio parses
 * it (TFIELDS 0…999, positive tile sizes) and a compressed image's tile descriptors must lie
 * inside its heap, so a hostile file is an error, never a huge allocation or a crash in cfitsio.
 *
 * Thread-safe: reads through one handle are serialised by an internal mutex, so several strips
 * may read rows of the same file from different threads. Errors are SkyweaveError naming the file.
 */
class FitsReader {
public:
    static constexpr long kMaxAxisLength = 262144;             ///< 2^18 px: larger is a broken header
    static constexpr long long kMaxPixels = 1LL << 32;         ///< 16 GiB of float32 per frame
    /// gzip/zip FITS files are unpacked whole into memory on open: their claimed size is capped.
    static constexpr long long kMaxExpandedBytes = 1LL << 30;

    /// How far a tile-compressed image is checked on open.
    enum class TileCheck {
        Walk,   ///< descriptors and every Rice tile's bit stream (reads all compressed data once)
        Trust,  ///< descriptors only: for reopening a file unchanged since a Walk open
    };

    /// Opens and validates. @throws SkyweaveError(BadInput/Io) naming the file and the cause.
    explicit FitsReader(const std::filesystem::path& path, TileCheck tiles = TileCheck::Walk);
    ~FitsReader();
    FitsReader(const FitsReader&) = delete;
    FitsReader& operator=(const FitsReader&) = delete;

    [[nodiscard]] const FitsHeaderSummary& summary() const { return summary_; }
    [[nodiscard]] int width() const { return summary_.width; }
    [[nodiscard]] int height() const { return summary_.height; }

    /**
     * @brief Reads rows [firstRow, firstRow + rowCount) (0-based, FITS row 1 = 0) into `out`,
     *        which must hold width() × rowCount floats.
     */
    void readRows(int firstRow, int rowCount, float* out) const;

    /// The whole image, row-major, width() × height().
    [[nodiscard]] std::vector<float> readImage() const;

    /// A header keyword's value as text (strings without quotes), empty when absent.
    [[nodiscard]] std::optional<std::string> keyword(const std::string& name) const;

    /// Header summary only: opens, reads the header, closes.
    static FitsHeaderSummary readSummary(const std::filesystem::path& path);

private:
    void* handle() const { return file_.get(); }
    [[noreturn]] void fail(int status, const std::string& what) const;
    // The constructor's steps, in order.
    void openFile(const std::filesystem::path& path, bool plainFits, long long fileBytes);
    [[nodiscard]] int moveToFirstImage();  ///< makes the first image HDU current; returns its NAXIS
    void readImageSize(int naxis, bool checkDataLength, long long fileBytes);
    void readSummaryKeywords();
    void readHeaderCards();
    /// Tile-compressed images: every tile's compressed bytes lie inside the heap (BadInput otherwise).
    void checkTileDescriptors(TileCheck tiles) const;

    FitsFilePtr file_;
    FitsHeaderSummary summary_;
    int naxis_ = 2;
    bool isFloat_ = false;  ///< BITPIX −32/−64: ±Inf may occur and is read as NaN
    mutable std::mutex mutex_;
};

}  // namespace skyweave::fits
