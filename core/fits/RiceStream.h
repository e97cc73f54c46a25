#pragma once

#include <cstddef>
#include <string>

namespace skyweave::fits {

/**
 * @brief Checks that a Rice-compressed tile (FITS tile compression, ZCMPTYPE = 'RICE_1') decodes to
 * exactly `pixels` values without reading past its `bytes` bytes.
 *
 * cfitsio's Rice decoder checks for the end of the stream only after each block, and its search
 * for the next set bit walks over zero bytes without a bound, so a hostile tile makes it read
 * far past its buffer (a crash). This walks the same bit layout — per block an fs code, then
 * either nothing (fs < 0), raw values (fs = max) or unary+fs-bit codes — and stops at the end.
 * Pure function: no cfitsio, no allocation.
 *
 * @param bytePix 1, 2 or 4 (the BYTEPIX parameter); @param blockSize pixels per block (BLOCKSIZE).
 * @return empty when the tile is consistent, else the cause ("stream ends after 12 of 16 pixels").
 */
std::string checkRiceStream(const unsigned char* data, std::size_t bytes, long long pixels, int blockSize,
                            int bytePix);

}  // namespace skyweave::fits
