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

/// cfitsio status code → "cfitsio error 104: could not open the named file" (plus the error stack).
std::string fitsErrorText(int status);

}  // namespace skyweave::fits
