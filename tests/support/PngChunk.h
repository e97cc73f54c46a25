#pragma once

#include <cstdint>
#include <string>

#include <zlib.h>

namespace skyweave::test {

/// Appends `value` big-endian, as PNG stores lengths, sizes and CRCs.
inline void appendBe32(std::string& out, std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((value >> shift) & 0xFF));
}

/// Appends one PNG chunk: length, four-letter type, data, and the CRC over type and data.
inline void appendPngChunk(std::string& out, const char* type, const std::string& data) {
    appendBe32(out, static_cast<std::uint32_t>(data.size()));
    const std::string body = std::string(type, 4) + data;
    out += body;
    appendBe32(out, static_cast<std::uint32_t>(
                        crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()))));
}

}  // namespace skyweave::test
