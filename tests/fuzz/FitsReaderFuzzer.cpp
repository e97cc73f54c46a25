// libFuzzer target: a FITS file from a stranger, through everything FitsReader does with it —
// header validation, the summary keywords (DATE-OBS is parsed), the header card dump, keyword
// look-up and pixel reads. Any outcome but a result or a SkyweaveError is a finding.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "FuzzInputFile.h"
#include "common/Errors.h"
#include "fits/FitsReader.h"

namespace {
// Frames up to this many pixels are read whole; larger ones (still valid headers) by their first
// and last rows only, so a header claiming a big image cannot exhaust the fuzzer's memory limit.
constexpr long long kWholeReadPixels = 1 << 20;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static skyweave::fuzz::FuzzInputFile file(".fits");
    const auto& path = file.write(data, size);
    try {
        const skyweave::fits::FitsReader reader(path);
        (void)reader.keyword("OBJECT");
        (void)reader.keyword("CTYPE1");
        const long long pixels = static_cast<long long>(reader.width()) * reader.height();
        if (pixels <= kWholeReadPixels) {
            (void)reader.readImage();
        } else {
            std::vector<float> row(static_cast<std::size_t>(reader.width()));
            reader.readRows(0, 1, row.data());
            reader.readRows(reader.height() - 1, 1, row.data());
        }
    } catch (const skyweave::SkyweaveError&) {
        // The documented outcome for a bad file.
    }
    return 0;
}
