#include "fits/FitsHandles.h"

#include <fitsio.h>

namespace skyweave::fits {

void FitsFileCloser::operator()(void* handle) const noexcept {
    if (!handle) return;
    int status = 0;
    fits_close_file(static_cast<fitsfile*>(handle), &status);
}

void FitsMemoryFreer::operator()(char* memory) const noexcept {
    // A fresh status: cfitsio routines do nothing when handed a status that is already an error.
    int status = 0;
    if (memory) fits_free_memory(memory, &status);
}

std::string fitsErrorText(int status) {
    char text[FLEN_STATUS] = {};
    fits_get_errstatus(status, text);
    std::string message = "cfitsio error " + std::to_string(status) + ": " + text;
    // cfitsio keeps a stack of detail messages; the first is usually the most specific.
    char detail[FLEN_ERRMSG] = {};
    if (fits_read_errmsg(detail) && detail[0] != '\0') message += " (" + std::string(detail) + ")";
    fits_clear_errmsg();
    return message;
}

}  // namespace skyweave::fits
