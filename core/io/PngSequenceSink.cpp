#include "io/PngSequenceSink.h"

#include <cerrno>
#include <cstdio>
#include <random>
#include <string_view>
#include <system_error>
#include <vector>

#include <opencv2/imgcodecs.hpp>

#include "common/AtomicFile.h"
#include "common/Errors.h"

namespace skyweave {

namespace fs = std::filesystem;

namespace {

fs::path siblingTemp(const fs::path& target, const char* tag) {
    std::random_device rd;
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "%08x", static_cast<unsigned>(rd()));
    return target.parent_path() / ("." + target.filename().string() + tag + suffix);
}

}  // namespace

PngSequenceSink::PngSequenceSink(fs::path folder, bool overwrite, int compression)
    : folder_(std::move(folder)), overwrite_(overwrite), compression_(compression) {
    if (folder_.filename().empty()) folder_ = folder_.parent_path();  // "out/" → "out"
    if (folder_.empty()) throw SkyweaveError(ErrorKind::BadInput, "no output folder given");
}

PngSequenceSink::~PngSequenceSink() { abort(); }

std::string PngSequenceSink::frameName(long long index) {
    char name[32];
    std::snprintf(name, sizeof name, "frame_%06lld.png", index);
    return name;
}

void PngSequenceSink::open(const FrameFormat& format) {
    std::error_code ec;
    const fs::path parent = folder_.parent_path().empty() ? fs::path(".") : folder_.parent_path();
    if (!fs::exists(parent, ec))
        throw SkyweaveError(ErrorKind::Io, folder_.string() + ": parent folder " + parent.string() + " does not exist");
    if (!fs::is_directory(parent, ec))
        throw SkyweaveError(ErrorKind::Io, folder_.string() + ": " + parent.string() + " is a file, not a folder");
    if (fs::exists(folder_, ec)) {
        if (!fs::is_directory(folder_, ec))
            throw SkyweaveError(ErrorKind::Io, folder_.string() + ": exists and is not a folder");
        if (!overwrite_ && !fs::is_empty(folder_, ec))
            throw SkyweaveError(ErrorKind::Io, folder_.string() + ": folder exists and is not empty (use --overwrite)");
    }
    temp_ = siblingTemp(folder_, ".partial-");
    if (!fs::create_directory(temp_, ec)) {
        // ENOENT for an existing parent: /proc and similar accept no new entries at all.
        const std::string why = ec.value() == ENOENT ? "the folder does not accept new files" : describeWriteError(ec.value());
        throw SkyweaveError(ErrorKind::Io, folder_.string() + ": cannot write in " + parent.string() + " (" + why + ")");
    }
    format_ = format;
    written_ = 0;
    open_ = true;
}

void PngSequenceSink::write(const cv::Mat& frame) {
    if (!open_) throw SkyweaveError(ErrorKind::Internal, "PNG sink written before open()");
    if (frame.cols != format_.width || frame.rows != format_.height || frame.channels() != format_.channels ||
        frame.depth() != format_.depth)
        throw SkyweaveError(ErrorKind::Internal, "frame does not match the format the PNG sink was opened with");
    // Level 1 leaves the parameters to OpenCV: its default is level 1 with the Sub filter and RLE, about a
    // third faster than naming level 1 (which makes libpng try every filter on every row) for ~25 % more bytes.
    const std::vector<int> flags =
        compression_ == 1 ? std::vector<int>{} : std::vector<int>{cv::IMWRITE_PNG_COMPRESSION, compression_};
    // Encode in memory and write with checked calls: cv::imwrite() reports success even when the data
    // never reached the disk (libpng ignores a failing flush and close), which would let a disk-full
    // run publish truncated frames.
    std::vector<uchar> png;
    try {
        if (!cv::imencode(".png", frame, png, flags))
            throw SkyweaveError(ErrorKind::Internal, (folder_ / frameName(written_)).string() + ": PNG encoding failed");
    } catch (const cv::Exception& e) {
        throw SkyweaveError(ErrorKind::Internal, (folder_ / frameName(written_)).string() + ": " + e.what());
    }
    writeNewFile(temp_ / frameName(written_),
                 std::string_view(reinterpret_cast<const char*>(png.data()), png.size()), folder_ / frameName(written_));
    ++written_;
}

void PngSequenceSink::finish() {
    if (!open_) throw SkyweaveError(ErrorKind::Internal, "PNG sink finished before open()");
    std::error_code ec;
    fs::path old;
    if (fs::exists(folder_, ec) && !fs::is_empty(folder_, ec)) {
        // --overwrite: move the old folder aside, put the new one in place, then delete the old one.
        old = siblingTemp(folder_, ".old-");
        fs::rename(folder_, old, ec);
        if (ec) throw SkyweaveError(ErrorKind::Io, folder_.string() + ": cannot replace (" + ec.message() + ")");
    }
    fs::rename(temp_, folder_, ec);  // onto an empty folder or no folder: atomic
    if (ec) {
        if (!old.empty()) fs::rename(old, folder_);
        throw SkyweaveError(ErrorKind::Io, folder_.string() + ": cannot move frames into place (" + ec.message() + ")");
    }
    if (!old.empty()) fs::remove_all(old, ec);
    open_ = false;
    temp_.clear();
}

void PngSequenceSink::abort() noexcept {
    if (!temp_.empty()) {
        std::error_code ec;
        fs::remove_all(temp_, ec);
        temp_.clear();
    }
    open_ = false;
}

std::string PngSequenceSink::describe() const { return folder_.string() + "/ (PNG)"; }

}  // namespace skyweave
