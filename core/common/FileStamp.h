#pragma once

#include <cstdint>
#include <filesystem>

namespace skyweave {

/**
 * @brief Size and modification time of a file, to tell whether it changed since it was checked.
 *
 * A file that is unchanged since a full validation need not be validated again when it is reopened;
 * one that changed was deleted, resized or rewritten during the run.
 */
struct FileStamp {
    bool exists = false;
    std::uintmax_t bytes = 0;
    std::filesystem::file_time_type modified{};
    bool operator==(const FileStamp&) const = default;

    /// The stamp of `path` now; exists = false when it cannot be looked at.
    static FileStamp of(const std::filesystem::path& path) {
        std::error_code ec;
        FileStamp stamp;
        stamp.bytes = std::filesystem::file_size(path, ec);
        if (ec) return {};
        stamp.modified = std::filesystem::last_write_time(path, ec);
        stamp.exists = !ec;
        return stamp;
    }
};

}  // namespace skyweave
