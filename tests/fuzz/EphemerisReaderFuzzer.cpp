// libFuzzer target: ephemeris text (JPL Horizons observer tables and CSV) through the parser and,
// when it parses, through interpolation at the ends, the middle and just outside the table.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/Errors.h"
#include "track/EphemerisReader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        // Horizons when the text holds $$SOE, CSV otherwise: both parsers see every mutation.
        const auto ephemeris = skyweave::track::EphemerisReader::parse(text, "fuzz.txt");
        const double start = ephemeris.startMjd(), end = ephemeris.endMjd();
        for (const double t : {start, end, 0.5 * (start + end), start - 1e-4, end + 1e-4}) {
            try {
                (void)ephemeris.positionAt(t);
            } catch (const skyweave::SkyweaveError&) {
                // Outside the table: a documented error.
            }
        }
        (void)ephemeris.description();
    } catch (const skyweave::SkyweaveError&) {
        // The documented outcome for a malformed table.
    }
    return 0;
}
