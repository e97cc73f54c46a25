#pragma once

#include <memory>
#include <string>

// cfitsio's fitsfile is a C struct; only the .cpp files include <fitsio.h>.

namespace skyweave::fits {

/// Closes a cfitsio handle; a failing close is ignored (the write path checks it explicitly).
struct FitsFileCloser {
    void operator()(void* handle) const noexcept;
};

/// Owns a `fitsfile*` (stored as void* so this header stays free of <fitsio.h>).
using FitsFilePtr = std::unique_ptr<void, FitsFileCloser>;

/// Frees memory cfitsio allocated for the caller (fits_hdr2str's card string), whatever the status.
struct FitsMemoryFreer {
    void operator()(char* memory) const noexcept;
};

/// Owns memory returned by cfitsio (fits_hdr2str, fits_convert_hdr2str).
using FitsMemoryPtr = std::unique_ptr<char, FitsMemoryFreer>;

/// cfitsio status code → "cfitsio error 104: could not open the named file" (plus the error stack).
std::string fitsErrorText(int status);

}  // namespace skyweave::fits
