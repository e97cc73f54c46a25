#include "common/AtomicFile.h"

#include <fcntl.h>
#include <unistd.h>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <random>
#include <string>
#include <system_error>

#include "common/Errors.h"

namespace skyweave {
namespace fs = std::filesystem;

namespace {
std::string uniqueSuffix() {
    static std::atomic<unsigned> counter{0};
    std::random_device rd;
    return std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + std::to_string(rd() % 100000);
}

/// Creates `path` exclusively; -1 with errno set on failure.
int createExclusive(const fs::path& path) {
    return ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
}
}  // namespace

std::string describeWriteError(int errnoValue) {
    switch (errnoValue) {
        case ENOSPC:
            return "the disk is full (no space left on device)";
        case EFBIG:
            return "file too large: it grew past the file system's or the process's file-size limit (ulimit "
                   "-f)";
        case EDQUOT:
            return "the disk quota is exceeded";
        case EROFS:
            return "read-only file system";
        case EACCES:
        case EPERM:
            return "permission denied";
        case ENOTDIR:
            return "a part of the path is a file, not a folder";
        case EIO:
            return "input/output error (failing disk or lost network share)";
        default:
            return std::strerror(errnoValue);
    }
}

void writeNewFile(const fs::path& path, std::string_view bytes, const fs::path& shownAs) {
    const std::string name = (shownAs.empty() ? path : shownAs).string();
    const int fd = createExclusive(path);
    if (fd < 0)
        throw SkyweaveError(ErrorKind::Io,
                            name + ": cannot create the file (" + describeWriteError(errno) + ")");
    const auto fail = [&](int err) {
        ::unlink(path.c_str());
        throw SkyweaveError(ErrorKind::Io,
                            name + ": cannot write (" + describeWriteError(err) + "); nothing was kept");
    };
    const char* data = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, data, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            ::close(fd);
            fail(err);
        }
        data += n;
        left -= static_cast<std::size_t>(n);
    }
    // close() reports delayed write errors (network file systems, quotas): a file is complete only if it
    // succeeds.
    if (::close(fd) != 0) fail(errno);
}

AtomicFile::AtomicFile(fs::path target, bool overwrite) : target_(std::move(target)), overwrite_(overwrite) {
    const fs::path dir = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::exists(dir, ec))
        throw SkyweaveError(ErrorKind::Io,
                            target_.string() + ": output folder " + dir.string() + " does not exist");
    if (!fs::is_directory(dir, ec))
        throw SkyweaveError(ErrorKind::Io,
                            target_.string() + ": " + dir.string() + " is a file, not a folder");
    if (fs::is_directory(target_, ec))
        throw SkyweaveError(ErrorKind::Io, target_.string() + ": is a folder; give a file name");
    if (!overwrite_ && fs::exists(target_, ec))
        throw SkyweaveError(
            ErrorKind::Io,
            target_.string() + ": file already exists (choose another name or allow overwrite)");
    // Keep the real extension last: some writers (cfitsio, libavformat) pick behaviour from it.
    temp_ = dir / ("." + target_.stem().string() + ".part-" + uniqueSuffix() + target_.extension().string());
    // Try the folder now, before any work: permissions, read-only mounts and virtual file systems
    // (/proc, /sys) refuse here with the reason instead of after a long run.
    const int fd = createExclusive(temp_);
    if (fd < 0) {
        const int err = errno;
        // ENOENT for an existing folder: /proc and similar accept no new entries at all.
        const std::string why =
            err == ENOENT ? "the folder does not accept new files" : describeWriteError(err);
        throw SkyweaveError(ErrorKind::Io,
                            target_.string() + ": cannot write in " + dir.string() + " (" + why + ")");
    }
    ::close(fd);
    ::unlink(temp_.c_str());
}

AtomicFile::~AtomicFile() {
    if (!committed_) discard();
}

void AtomicFile::commit() {
    std::error_code ec;
    if (!fs::exists(temp_, ec))
        throw SkyweaveError(ErrorKind::Io,
                            target_.string() + ": nothing was written (temporary file missing)");
    if (!overwrite_ && fs::exists(target_, ec)) {
        discard();
        throw SkyweaveError(ErrorKind::Io, target_.string() + ": file appeared while writing; not replaced");
    }
    fs::rename(temp_, target_, ec);
    if (ec) {
        discard();
        throw SkyweaveError(
            ErrorKind::Io,
            target_.string() + ": could not move the finished file into place: " + ec.message());
    }
    committed_ = true;
}

void AtomicFile::discard() noexcept {
    std::error_code ec;
    fs::remove(temp_, ec);
}

void writeFileAtomically(const fs::path& target, std::string_view bytes, bool overwrite) {
    AtomicFile file(target, overwrite);
    writeNewFile(file.tempPath(), bytes, target);
    file.commit();
}

}  // namespace skyweave
