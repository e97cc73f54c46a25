#include "common/InputFile.h"

#include <system_error>

#include "common/Errors.h"

namespace skyweave {

void requireRegularFile(const std::filesystem::path& path, const std::string& kind) {
    namespace fs = std::filesystem;
    const std::string name = path.string();
    std::error_code ec;
    const auto link = fs::symlink_status(path, ec);
    if (ec && ec != std::errc::no_such_file_or_directory)
        throw SkyweaveError(ErrorKind::Io, name + ": cannot be looked at (" + ec.message() + ")");
    if (!fs::exists(link)) throw SkyweaveError(ErrorKind::BadInput, name + ": file does not exist");
    const auto target = fs::status(path, ec);
    if (!fs::exists(target))
        throw SkyweaveError(ErrorKind::BadInput, name + ": symbolic link to a missing file (" +
                                                     fs::read_symlink(path, ec).string() + ")");
    if (fs::is_directory(target))
        throw SkyweaveError(ErrorKind::BadInput, name + ": is a folder, not " + kind);
    if (!fs::is_regular_file(target))
        throw SkyweaveError(
            ErrorKind::BadInput,
            name + ": not a regular file (a FIFO, socket or device); Skyweave reads only regular files");
}

}  // namespace skyweave
