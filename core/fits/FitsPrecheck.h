#pragma once

#include <filesystem>
#include <string>

namespace skyweave::fits {

/**
 * @brief Checks of a FITS file's raw bytes made before cfitsio parses them (used by FitsReader).
 *
 * cfitsio trusts what a header says: it unpacks compressed containers whole at the size they claim,
 * allocates per-column state for TFIELDS columns, divides by tile sizes and copies some values into
 * fixed buffers. These functions read the bytes themselves and name what is wrong before it does.
 * Pure functions over files; no state, callable from any thread.
 */

/// The size of a FITS block: headers and data units are whole blocks.
inline constexpr long long kFitsBlockBytes = 2880;

/// What the first bytes of a file say about it.
enum class FitsContainer { PlainFits, Compressed };

/// `s` without its trailing blanks (header values are blank-padded).
[[nodiscard]] std::string trimTrailingBlanks(std::string s);

/**
 * Refuses, naming the cause, what cfitsio would report vaguely or hang on: a dangling link, a
 * FIFO (opening one blocks until a writer appears), no read permission, an empty file, another
 * format under a .fits name, a compressed container claiming more than
 * FitsReader::kMaxExpandedBytes. Accepts plain FITS and the compressed forms cfitsio unpacks itself.
 * Throws SkyweaveError naming `name`.
 */
FitsContainer checkFitsFile(const std::filesystem::path& path, const std::string& name);

/// The value of `key` in the first header block of a plain FITS file, as written ("?" when absent).
[[nodiscard]] std::string firstCardValue(const std::filesystem::path& path, const std::string& key);

/// Checks the header starting at byte `offset` for values cfitsio would trust (TFIELDS, ZTILEn,
/// structural numbers, non-ASCII bytes); returns the cause, or an empty string when acceptable.
[[nodiscard]] std::string badExtensionHeader(const std::string& path, long long offset);

}  // namespace skyweave::fits
