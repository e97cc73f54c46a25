#include "fits/FitsWriter.h"

#include <cerrno>
#include <cstring>
#include <vector>

#include <fitsio.h>

#include "common/AtomicFile.h"
#include "common/Errors.h"

namespace skyweave::fits {
namespace {

/// cfitsio accepts keywords longer than 8 characters only with the HIERARCH prefix.
std::string cardName(const std::string& name) {
    if (name.size() <= 8 || name.rfind("HIERARCH ", 0) == 0) return name;
    return "HIERARCH " + name;
}

const char* commentOrNull(const std::string& c) { return c.empty() ? nullptr : c.c_str(); }

}  // namespace

FitsWriter::FitsWriter(const std::filesystem::path& target, bool overwrite)
    : target_(target), atomic_(std::make_unique<AtomicFile>(target, overwrite)) {
    fitsfile* raw = nullptr;
    int status = 0;
    // The temporary name is fresh, so no cfitsio "!" (clobber) prefix is needed; create_diskfile
    // takes the name literally.
    if (fits_create_diskfile(&raw, atomic_->tempPath().c_str(), &status) != 0) {
        if (raw) file_.reset(raw);
        throw SkyweaveError(ErrorKind::Io, target_.string() + ": cannot create the output (" + fitsErrorText(status) + ")");
    }
    file_.reset(raw);
}

FitsWriter::~FitsWriter() {
    file_.reset();  // close before AtomicFile removes the temporary
}

void FitsWriter::fail(int status, const std::string& what) {
    // cfitsio says only "error writing to FITS file"; the errno of the failed write says why. errno is
    // cleared before every call that may flush (moveTo(), commit()), so a value here is that write's.
    const int err = errno;
    std::string cause = fitsErrorText(status);
    if (err == ENOSPC || err == EFBIG || err == EDQUOT || err == EIO) cause += ": " + describeWriteError(err);
    throw SkyweaveError(ErrorKind::Io, target_.string() + ": " + what + " (" + cause + "); nothing was kept");
}

void* FitsWriter::moveTo(int hdu) {
    if (hdu < 1 || hdu > hduCount_) throw SkyweaveError(ErrorKind::Internal, target_.string() + ": no HDU " + std::to_string(hdu));
    auto* f = static_cast<fitsfile*>(file_.get());
    errno = 0;
    int current = 0;
    fits_get_hdu_num(f, &current);
    if (current != hdu) {
        int status = 0;
        if (fits_movabs_hdu(f, hdu, nullptr, &status) != 0) fail(status, "cannot move to HDU " + std::to_string(hdu));
    }
    return f;
}

int FitsWriter::addImage(int width, int height, FitsPixelType type, const std::string& extname, int reserveCards) {
    std::lock_guard lock(mutex_);
    auto* f = static_cast<fitsfile*>(file_.get());
    errno = 0;
    if (hduCount_ > 0) moveTo(hduCount_);
    long axes[2] = {width, height};
    const int bitpix = type == FitsPixelType::Float32 ? FLOAT_IMG : type == FitsPixelType::Int16 ? SHORT_IMG : LONG_IMG;
    int status = 0;
    if (fits_create_img(f, bitpix, 2, axes, &status) != 0) fail(status, "cannot create an image HDU");
    ++hduCount_;
    if (!extname.empty() && hduCount_ > 1)
        fits_update_key(f, TSTRING, "EXTNAME", const_cast<char*>(extname.c_str()), nullptr, &status);
    if (reserveCards > 0) fits_set_hdrsize(f, reserveCards, &status);
    if (status != 0) fail(status, "cannot write the header of HDU " + std::to_string(hduCount_));
    return hduCount_;
}

void FitsWriter::writeTyped(int hdu, int firstRow, int rowCount, int cfitsioType, const void* data) {
    if (rowCount <= 0) return;
    std::lock_guard lock(mutex_);
    auto* f = static_cast<fitsfile*>(moveTo(hdu));
    long naxes[2] = {};
    int status = 0;
    fits_get_img_size(f, 2, naxes, &status);
    long long first[2] = {1, firstRow + 1LL};
    if (fits_write_pixll(f, cfitsioType, first, static_cast<long long>(naxes[0]) * rowCount, const_cast<void*>(data), &status) != 0)
        fail(status, "cannot write rows " + std::to_string(firstRow) + "+" + std::to_string(rowCount) + " of HDU " + std::to_string(hdu));
}

void FitsWriter::writeRows(int hdu, int firstRow, int rowCount, const float* data) {
    writeTyped(hdu, firstRow, rowCount, TFLOAT, data);
}

void FitsWriter::writeRows(int hdu, int firstRow, int rowCount, const std::int32_t* data) {
    writeTyped(hdu, firstRow, rowCount, TINT, data);
}

void FitsWriter::setKeyword(int hdu, const std::string& name, double value, const std::string& comment) {
    std::lock_guard lock(mutex_);
    int status = 0;
    // 15 significant digits keep doubles (MJD, CRVAL) exact enough for astrometry.
    fits_update_key_dbl(static_cast<fitsfile*>(moveTo(hdu)), cardName(name).c_str(), value, -15, commentOrNull(comment), &status);
    if (status) fail(status, "cannot write keyword " + name);
}

void FitsWriter::setKeyword(int hdu, const std::string& name, long long value, const std::string& comment) {
    std::lock_guard lock(mutex_);
    int status = 0;
    LONGLONG v = value;
    fits_update_key(static_cast<fitsfile*>(moveTo(hdu)), TLONGLONG, cardName(name).c_str(), &v, commentOrNull(comment), &status);
    if (status) fail(status, "cannot write keyword " + name);
}

void FitsWriter::setKeyword(int hdu, const std::string& name, bool value, const std::string& comment) {
    std::lock_guard lock(mutex_);
    int status = 0;
    int v = value ? 1 : 0;
    fits_update_key(static_cast<fitsfile*>(moveTo(hdu)), TLOGICAL, cardName(name).c_str(), &v, commentOrNull(comment), &status);
    if (status) fail(status, "cannot write keyword " + name);
}

void FitsWriter::setKeyword(int hdu, const std::string& name, const std::string& value, const std::string& comment) {
    std::lock_guard lock(mutex_);
    int status = 0;
    // fits_update_key_longstr uses the CONTINUE convention for values over 68 characters.
    fits_update_key_longstr(static_cast<fitsfile*>(moveTo(hdu)), cardName(name).c_str(), value.c_str(), commentOrNull(comment), &status);
    if (status) fail(status, "cannot write keyword " + name);
}

void FitsWriter::addHistory(int hdu, const std::string& text) {
    std::lock_guard lock(mutex_);
    int status = 0;
    fits_write_history(static_cast<fitsfile*>(moveTo(hdu)), text.c_str(), &status);
    if (status) fail(status, "cannot write HISTORY");
}

void FitsWriter::addComment(int hdu, const std::string& text) {
    std::lock_guard lock(mutex_);
    int status = 0;
    fits_write_comment(static_cast<fitsfile*>(moveTo(hdu)), text.c_str(), &status);
    if (status) fail(status, "cannot write COMMENT");
}

void FitsWriter::copyCards(int hdu, const std::string& cards, const std::function<bool(const std::string&)>& keep) {
    std::lock_guard lock(mutex_);
    auto* f = static_cast<fitsfile*>(moveTo(hdu));
    for (std::size_t pos = 0; pos + 80 <= cards.size(); pos += 80) {
        std::string card = cards.substr(pos, 80);
        std::string name = card.substr(0, 8);
        while (!name.empty() && name.back() == ' ') name.pop_back();
        if (name.empty() || !keep(name)) continue;
        int status = 0;
        fits_update_card(f, name.c_str(), card.c_str(), &status);
        if (status) fail(status, "cannot copy card " + name);
    }
}

void FitsWriter::commit() {
    std::lock_guard lock(mutex_);
    int status = 0;
    auto* f = static_cast<fitsfile*>(file_.release());
    errno = 0;
    if (fits_close_file(f, &status) != 0) fail(status, "cannot finish writing");
    atomic_->commit();
}

}  // namespace skyweave::fits
