#pragma once

#include <filesystem>
#include <string>

namespace skyweave {

/**
 * @brief Refuses, naming the path and the cause, an input that is not a regular file: missing, a
 *        symbolic link to a missing file, a folder, or a FIFO, socket or device.
 *
 * Called before anything opens an input: opening a FIFO blocks until a writer appears, so a
 * `frame.fits` that is a FIFO would otherwise hang the run. `kind` completes the folder message
 * ("is a folder, not a FITS file").
 * @throws SkyweaveError(BadInput), or SkyweaveError(Io) when the path cannot be looked at.
 */
void requireRegularFile(const std::filesystem::path& path, const std::string& kind);

}  // namespace skyweave
