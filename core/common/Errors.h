#pragma once

#include <stdexcept>
#include <string>

namespace skyweave {

/// What went wrong, coarse enough for the CLI to pick an exit code and the GUI an icon.
enum class ErrorKind {
    BadInput,     ///< a file or parameter the user gave is unusable (names the file and the cause)
    Io,           ///< reading or writing failed (permissions, disk full, vanished file)
    Memory,       ///< the job cannot fit in the memory it may use, even at its smallest
    Unsupported,  ///< a valid request the build or library cannot do (codec missing, …)
    Cancelled,    ///< the user asked to stop
    Internal,     ///< a bug: should never reach a user
};

/**
 * @brief The one exception type core throws across its API.
 *
 * The message is written for a person: it names the file and what is wrong with it
 * ("frame_007.fits: NAXIS2 = 1000000 is larger than the 65536 rows Skyweave accepts").
 */
class SkyweaveError : public std::runtime_error {
public:
    SkyweaveError(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    [[nodiscard]] ErrorKind kind() const noexcept { return kind_; }

private:
    ErrorKind kind_;
};

/// A message without its leading "PATH: ", for lists that show the file's name already.
inline std::string causeOnly(const std::string& message, const std::string& path) {
    const std::string prefix = path + ": ";
    return message.rfind(prefix, 0) == 0 ? message.substr(prefix.size()) : message;
}

/// Thrown by CancelToken::throwIfCancelled(); unwinds a job without counting as a failure.
class CancelledError : public SkyweaveError {
public:
    CancelledError() : SkyweaveError(ErrorKind::Cancelled, "Cancelled") {}
};

}  // namespace skyweave
