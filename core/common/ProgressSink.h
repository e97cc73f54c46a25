#pragma once

#include <cstdint>
#include <string>

namespace skyweave {

/// One progress report: `done` of `total` units (frames, strips, pairs) and what is happening.
struct ProgressUpdate {
    std::int64_t done = 0;
    std::int64_t total = 0;
    std::string stage;  ///< short human text: "Combining strip 3/12", "Interpolating pair 7/23"
    /// What `done` counts ("frames", "rows"); empty: the job's usual unit. A change of unit starts a new
    /// stage, so rates and ETAs are not mixed across stages that count different things.
    std::string unit;
};

/// How much a log line matters. The numbers are stable (0–3): Job::logMessage carries them as int.
enum class LogLevel { Debug = 0, Info = 1, Warning = 2, Error = 3 };

/**
 * @brief Where algorithms report progress; implemented by Job (Qt signals) and the CLI (stderr).
 *
 * Kept free of Qt so that pure kernels can report without depending on QObject.
 * Implementations must be thread-safe: strips and frames finish on worker threads.
 */
class ProgressSink {
public:
    virtual ~ProgressSink() = default;
    virtual void report(const ProgressUpdate& update) = 0;
    /// Free-form log line at a level.
    virtual void log(LogLevel level, const std::string& message) { (void)level, (void)message; }
};

/// A sink that drops everything; for callers that do not care.
class NullProgressSink final : public ProgressSink {
public:
    void report(const ProgressUpdate&) override {}
};

}  // namespace skyweave
