#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace skyweave::fuzz {

/**
 * @brief The fuzz input written to one file per process, so file-based readers see it as a user's file.
 *
 * The readers under test open paths (FitsReader, probeImageHeader), which is the code path a
 * user's file takes; the file lives in $TMPDIR (or /tmp) and is overwritten on every input.
 */
class FuzzInputFile {
public:
    explicit FuzzInputFile(const std::string& extension) {
        const char* tmp = std::getenv("TMPDIR");
        path_ = std::filesystem::path(tmp && *tmp ? tmp : "/tmp") /
                ("skyweave-fuzz-" + std::to_string(::getpid()) + extension);
    }
    ~FuzzInputFile() {
        std::error_code ec;
        std::filesystem::remove(path_, ec);
    }
    FuzzInputFile(const FuzzInputFile&) = delete;
    FuzzInputFile& operator=(const FuzzInputFile&) = delete;

    /// Replaces the file's contents with `size` bytes of `data`.
    const std::filesystem::path& write(const std::uint8_t* data, std::size_t size) {
        std::ofstream out(path_, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
        return path_;
    }

private:
    std::filesystem::path path_;
};

}  // namespace skyweave::fuzz
