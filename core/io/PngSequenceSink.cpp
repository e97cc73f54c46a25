#include "io/PngSequenceSink.h"

#include <cstdio>
#include <random>
#include <system_error>
#include <vector>

#include <opencv2/imgcodecs.hpp>

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
    if (!fs::is_directory(parent, ec))
        throw SkyweaveError(ErrorKind::Io, folder_.string() + ": parent folder " + parent.string() + " does not exist");
    if (fs::exists(folder_, ec)) {
        if (!fs::is_directory(folder_, ec))
            throw SkyweaveError(ErrorKind::Io, folder_.string() + ": exists and is not a folder");
        if (!overwrite_ && !fs::is_empty(folder_, ec))
            throw SkyweaveError(ErrorKind::Io, folder_.string() + ": folder exists and is not empty (use --overwrite)");
    }
    temp_ = siblingTemp(folder_, ".partial-");
    if (!fs::create_directory(temp_, ec))
        throw SkyweaveError(ErrorKind::Io, temp_.string() + ": cannot create (" + ec.message() + ")");
    format_ = format;
    written_ = 0;
    open_ = true;
}

void PngSequenceSink::write(const cv::Mat& frame) {
    if (!open_) throw SkyweaveError(ErrorKind::Internal, "PNG sink written before open()");
    if (frame.cols != format_.width || frame.rows != format_.height || frame.channels() != format_.channels ||
        frame.depth() != format_.depth)
        throw SkyweaveError(ErrorKind::Internal, "frame does not match the format the PNG sink was opened with");
    const fs::path path = temp_ / frameName(written_);
    // Level 1 leaves the parameters to OpenCV: its default is level 1 with the Sub filter and RLE, about a
    // third faster than naming level 1 (which makes libpng try every filter on every row) for ~25 % more bytes.
    const std::vector<int> flags =
        compression_ == 1 ? std::vector<int>{} : std::vector<int>{cv::IMWRITE_PNG_COMPRESSION, compression_};
    bool ok = false;
    try {
        ok = cv::imwrite(path.string(), frame, flags);
    } catch (const cv::Exception& e) {
        throw SkyweaveError(ErrorKind::Io, path.string() + ": " + e.what());
    }
    if (!ok) throw SkyweaveError(ErrorKind::Io, path.string() + ": cannot write (disk full or no permission?)");
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
