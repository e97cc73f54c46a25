#include "fits/RiceStream.h"

namespace skyweave::fits {

namespace {

/// Reads bytes of a Rice stream, refusing to go past its end.
class ByteCursor {
public:
    ByteCursor(const unsigned char* data, std::size_t bytes) : data_(data), bytes_(bytes) {}
    bool next(unsigned& out) {
        if (at_ >= bytes_) return false;
        out = data_[at_++];
        return true;
    }
    bool skip(std::size_t n) {
        if (bytes_ - at_ < n) return false;
        at_ += n;
        return true;
    }

private:
    const unsigned char* data_;
    std::size_t bytes_;
    std::size_t at_ = 0;
};

/// Bits below and including the highest set bit of a byte (0 for 0).
int bitLength(unsigned v) {
    int n = 0;
    while (v) {
        ++n;
        v >>= 1;
    }
    return n;
}

}  // namespace

std::string checkRiceStream(const unsigned char* data, std::size_t bytes, long long pixels, int blockSize,
                            int bytePix) {
    int fsBits = 0, fsMax = 0;
    switch (bytePix) {
        case 1: fsBits = 3; fsMax = 6; break;
        case 2: fsBits = 4; fsMax = 14; break;
        case 4: fsBits = 5; fsMax = 25; break;
        default: return "Rice BYTEPIX = " + std::to_string(bytePix) + " (1, 2 or 4 expected)";
    }
    if (blockSize < 1) return "Rice BLOCKSIZE = " + std::to_string(blockSize) + " (a positive number expected)";
    const int valueBits = 8 * bytePix;
    const auto ended = [&](long long done) {
        return "Rice stream ends after " + std::to_string(done) + " of " + std::to_string(pixels) + " pixels";
    };

    ByteCursor c(data, bytes);
    if (!c.skip(static_cast<std::size_t>(bytePix))) return ended(0);  // the first value, verbatim
    // `bits` holds the `nbits` not yet consumed low bits of the current byte(s).
    unsigned bits = 0;
    int nbits = 8;
    if (!c.next(bits)) return ended(0);
    for (long long i = 0; i < pixels;) {
        nbits -= fsBits;
        while (nbits < 0) {
            unsigned b = 0;
            if (!c.next(b)) return ended(i);
            bits = (bits << 8) | b;
            nbits += 8;
        }
        const int fs = static_cast<int>(bits >> nbits) - 1;
        bits &= (1u << nbits) - 1u;
        const long long blockEnd = i + blockSize < pixels ? i + blockSize : pixels;
        if (fs < 0) {  // all differences zero: no bits
            i = blockEnd;
        } else if (fs == fsMax) {  // raw values of valueBits each
            for (; i < blockEnd; ++i) {
                int need = valueBits - nbits;  // bits still to take after the `nbits` held
                for (; need >= 8; need -= 8)
                    if (!c.skip(1)) return ended(i);
                if (need > 0) {
                    unsigned b = 0;
                    if (!c.next(b)) return ended(i);
                    nbits = 8 - need;
                    bits = b & ((1u << nbits) - 1u);
                } else {
                    nbits = 0;
                    bits = 0;
                }
            }
        } else if (fs > fsMax) {
            return "Rice block code " + std::to_string(fs + 1) + " is out of range";
        } else {  // per pixel: a unary count of zero bits, a one bit, then fs bits
            for (; i < blockEnd; ++i) {
                while (bits == 0) {
                    unsigned b = 0;
                    if (!c.next(b)) return ended(i);
                    bits = b;
                    nbits += 8;
                }
                nbits = bitLength(bits) - 1;  // consume the zeros and the one bit
                bits &= (1u << nbits) - 1u;
                nbits -= fs;
                while (nbits < 0) {
                    unsigned b = 0;
                    if (!c.next(b)) return ended(i);
                    bits = (bits << 8) | b;
                    nbits += 8;
                }
                bits &= (1u << nbits) - 1u;
            }
        }
    }
    return {};
}

}  // namespace skyweave::fits
