#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace skyweave {

/**
 * @brief Writes an output through a temporary file next to it and renames it on commit().
 *
 * A run that fails, throws or is cancelled never leaves a half-written file under the final
 * name and never touches an existing file of that name: the destructor removes the temporary
 * unless commit() succeeded. The temporary lives in the target's folder so that the final
 * rename is atomic (same filesystem).
 */
class AtomicFile {
public:
    /**
     * @brief Reserves a temporary next to `target` and checks, by creating and removing it, that the
     *        folder takes new files — so an unwritable destination is refused before any work is done.
     * @throws SkyweaveError(Io) when the target exists and `overwrite` is false, or its folder is missing,
     *         not a folder or does not accept files (permissions, read-only or virtual file system).
     */
    AtomicFile(std::filesystem::path target, bool overwrite);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    [[nodiscard]] const std::filesystem::path& target() const { return target_; }
    /// Where to write; unique per instance, hidden (leading dot), same folder as target().
    [[nodiscard]] const std::filesystem::path& tempPath() const { return temp_; }

    /// Renames the temporary onto the target. @throws SkyweaveError(Io) naming both paths.
    void commit();
    /// Removes the temporary now (also done by the destructor).
    void discard() noexcept;
    [[nodiscard]] bool committed() const { return committed_; }

private:
    std::filesystem::path target_;
    std::filesystem::path temp_;
    bool overwrite_;
    bool committed_ = false;
};

/**
 * @brief Why a write failed, in words, from its errno: "the disk is full", "the file grew past the
 *        file-size limit (file too large)", "permission denied", … (strerror for the rest).
 */
std::string describeWriteError(int errnoValue);

/**
 * @brief Creates `path` (which must not exist) holding `bytes`, checking every write and the close.
 * @param shownAs the name messages use (e.g. the final name of a temporary); `path` when empty.
 * @throws SkyweaveError(Io) naming the file and the cause (disk full, file too large, …); nothing of
 *         a failed write remains at `path`.
 */
void writeNewFile(const std::filesystem::path& path, std::string_view bytes, const std::filesystem::path& shownAs = {});

/**
 * @brief Writes `bytes` to `target` through an AtomicFile (small text or encoded outputs in one go).
 * @throws SkyweaveError(Io) naming the file when it exists (and `overwrite` is false) or cannot be written.
 */
void writeFileAtomically(const std::filesystem::path& target, std::string_view bytes, bool overwrite);

}  // namespace skyweave
