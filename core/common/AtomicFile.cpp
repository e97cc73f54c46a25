#include "common/AtomicFile.h"

#include <atomic>
#include <fstream>
#include <random>
#include <string>
#include <system_error>
#include <unistd.h>

#include "common/Errors.h"

namespace skyweave {
namespace fs = std::filesystem;

namespace {
std::string uniqueSuffix() {
    static std::atomic<unsigned> counter{0};
    std::random_device rd;
    return std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + std::to_string(rd() % 100000);
}
}  // namespace

AtomicFile::AtomicFile(fs::path target, bool overwrite) : target_(std::move(target)), overwrite_(overwrite) {
    const fs::path dir = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw SkyweaveError(ErrorKind::Io, target_.string() + ": output folder " + dir.string() + " does not exist");
    if (!overwrite_ && fs::exists(target_, ec))
        throw SkyweaveError(ErrorKind::Io,
                            target_.string() + ": file already exists (choose another name or allow overwrite)");
    // Keep the real extension last: some writers (cfitsio, libavformat) pick behaviour from it.
    temp_ = dir / ("." + target_.stem().string() + ".part-" + uniqueSuffix() + target_.extension().string());
}

AtomicFile::~AtomicFile() {
    if (!committed_) discard();
}

void AtomicFile::commit() {
    std::error_code ec;
    if (!fs::exists(temp_, ec))
        throw SkyweaveError(ErrorKind::Io, target_.string() + ": nothing was written (temporary file missing)");
    if (!overwrite_ && fs::exists(target_, ec)) {
        discard();
        throw SkyweaveError(ErrorKind::Io, target_.string() + ": file appeared while writing; not replaced");
    }
    fs::rename(temp_, target_, ec);
    if (ec) {
        discard();
        throw SkyweaveError(ErrorKind::Io, target_.string() + ": could not move the finished file into place: " +
                                               ec.message());
    }
    committed_ = true;
}

void AtomicFile::discard() noexcept {
    std::error_code ec;
    fs::remove(temp_, ec);
}

void writeFileAtomically(const fs::path& target, std::string_view bytes, bool overwrite) {
    AtomicFile file(target, overwrite);
    {
        std::ofstream stream(file.tempPath(), std::ios::binary | std::ios::trunc);
        stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        stream.close();
        if (!stream) throw SkyweaveError(ErrorKind::Io, target.string() + ": could not write " + file.tempPath().string() + " (permissions or disk full)");
    }
    file.commit();
}

}  // namespace skyweave
