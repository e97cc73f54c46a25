#pragma once

#include <filesystem>
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
    /// @throws SkyweaveError(Io) when the target exists and `overwrite` is false, or its folder is missing.
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
 * @brief Writes `bytes` to `target` through an AtomicFile (small text or encoded outputs in one go).
 * @throws SkyweaveError(Io) naming the file when it exists (and `overwrite` is false) or cannot be written.
 */
void writeFileAtomically(const std::filesystem::path& target, std::string_view bytes, bool overwrite);

}  // namespace skyweave
