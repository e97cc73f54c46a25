// libFuzzer target: the pre-decode header check of PNG, JPEG, TIFF and BMP files — the code that
// must refuse a decompression bomb before any pixel is allocated.
#include <cstddef>
#include <cstdint>

#include "FuzzInputFile.h"
#include "common/Errors.h"
#include "io/ImageHeader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static skyweave::fuzz::FuzzInputFile file(".img");
    try {
        const auto header = skyweave::probeImageHeader(file.write(data, size));
        // A header that passes must describe a sane image.
        if (header.width <= 0 || header.height <= 0 || header.channels <= 0 || header.bitsPerChannel <= 0) __builtin_trap();
        (void)header.decodedBytes();
        (void)skyweave::imageFormatName(header.format);
    } catch (const skyweave::SkyweaveError&) {
        // The documented outcome for a bad image.
    }
    return 0;
}
