#pragma once

#include <QElapsedTimer>
#include <QString>
#include <QTextStream>
#include <cstdint>
#include <mutex>
#include <optional>

#include "common/EtaEstimator.h"
#include "common/ProgressSink.h"

namespace skyweave::cli {

/**
 * @brief A memory size as every command's `--memory-limit` takes it.
 *
 * A bare number is in GiB ("2", "1.5"); suffixes K, M, G, T with optional B or iB ("512M",
 * "800MB", "2GiB"). std::nullopt for anything else, zero, negative or absurd sizes.
 */
std::optional<std::uint64_t> parseMemorySize(const QString& text);

/**
 * @brief Progress and log lines on stderr, from any worker thread.
 *
 * "[stack] 42% Combining strips (5/12, 3.1 strips/s, ETA 2 s)": at most four progress lines a
 * second plus the last one, so a fast run does not flood a terminal or a log file. Warnings
 * are prefixed "warning:"; debug lines appear only when `verbose`.
 */
class StderrProgress final : public ProgressSink {
public:
    StderrProgress(QTextStream& err, QString prefix, QString unit, bool verbose = false);
    void report(const ProgressUpdate& update) override;
    void log(LogLevel level, const std::string& message) override;

private:
    QTextStream& err_;
    QString prefix_;
    QString unit_;
    bool verbose_;
    std::mutex mutex_;
    EtaEstimator eta_;
    QElapsedTimer sinceLine_;
    bool printedAny_ = false;
};

}  // namespace skyweave::cli
