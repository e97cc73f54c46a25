#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "fits/FitsHandles.h"

namespace skyweave {
class AtomicFile;
}

namespace skyweave::fits {

/// Stored pixel type of an image HDU.
enum class FitsPixelType { Float32, Int16, Int32 };

/**
 * @brief Writes a FITS file atomically: a primary image, keywords, HISTORY, image extensions.
 *
 * Everything goes to an AtomicFile temporary and appears under the target name only on
 * commit(); a writer destroyed without commit() leaves nothing behind. HDUs may be written
 * in any order once created (rows can be written strip by strip while other HDUs exist).
 * Keywords longer than 8 characters are written with the HIERARCH convention, which astropy
 * reads back as header['CHUNKED_PROCESSING']. Thread-safe (one internal mutex).
 */
class FitsWriter {
public:
    /// @throws SkyweaveError(Io) when the target exists and !overwrite, or cannot be created.
    FitsWriter(const std::filesystem::path& target, bool overwrite);
    ~FitsWriter();
    FitsWriter(const FitsWriter&) = delete;
    FitsWriter& operator=(const FitsWriter&) = delete;

    /**
     * @brief Appends an image HDU (the first call makes the primary) and returns its 1-based number.
     * @param reserveCards header space kept free for keywords added later (avoids moving data).
     */
    int addImage(int width, int height, FitsPixelType type, const std::string& extname = {}, int reserveCards = 0);

    /// Writes rows [firstRow, firstRow + rowCount) of HDU `hdu`; values converted to its type.
    void writeRows(int hdu, int firstRow, int rowCount, const float* data);
    void writeRows(int hdu, int firstRow, int rowCount, const std::int32_t* data);

    void setKeyword(int hdu, const std::string& name, double value, const std::string& comment = {});
    void setKeyword(int hdu, const std::string& name, long long value, const std::string& comment = {});
    void setKeyword(int hdu, const std::string& name, int value, const std::string& comment = {}) {
        setKeyword(hdu, name, static_cast<long long>(value), comment);
    }
    void setKeyword(int hdu, const std::string& name, bool value, const std::string& comment = {});
    void setKeyword(int hdu, const std::string& name, const std::string& value, const std::string& comment = {});
    void setKeyword(int hdu, const std::string& name, const char* value, const std::string& comment = {}) {
        setKeyword(hdu, name, std::string(value), comment);
    }
    /// HISTORY / COMMENT cards; long text is continued over several cards.
    void addHistory(int hdu, const std::string& text);
    void addComment(int hdu, const std::string& text);
    /**
     * @brief Copies whole 80-character cards from `cards` (a header string) into HDU `hdu` when
     *        `keep(keywordName)` is true; cards already present are replaced. Used for WCS keys.
     */
    void copyCards(int hdu, const std::string& cards, const std::function<bool(const std::string&)>& keep);

    /// Flushes, closes and renames into place. @throws SkyweaveError(Io) naming the file.
    void commit();
    [[nodiscard]] const std::filesystem::path& target() const { return target_; }

private:
    void* moveTo(int hdu);
    [[noreturn]] void fail(int status, const std::string& what);
    void writeTyped(int hdu, int firstRow, int rowCount, int cfitsioType, const void* data);

    std::filesystem::path target_;
    std::unique_ptr<AtomicFile> atomic_;
    FitsFilePtr file_;
    int hduCount_ = 0;
    std::mutex mutex_;
};

}  // namespace skyweave::fits
