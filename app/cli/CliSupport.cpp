#include "CliSupport.h"

#include <cmath>

namespace skyweave::cli {

namespace {
constexpr qint64 kProgressIntervalMs = 250;
}  // namespace

std::optional<std::uint64_t> parseMemorySize(const QString& text) {
    QString t = text.trimmed().toUpper();
    for (const char* suffix : {"IB", "B"})
        if (t.endsWith(QLatin1String(suffix)) && t.size() > 2) {
            t.chop(static_cast<int>(qstrlen(suffix)));
            break;
        }
    double unit = 1024.0 * 1024.0 * 1024.0;  // a bare number is in GiB
    if (!t.isEmpty()) {
        const QChar last = t.back();
        if (last == 'K') unit = 1024.0;
        else if (last == 'M') unit = 1024.0 * 1024.0;
        else if (last == 'G') unit = 1024.0 * 1024.0 * 1024.0;
        else if (last == 'T') unit = 1024.0 * 1024.0 * 1024.0 * 1024.0;
        if (last.isLetter()) t.chop(1);
    }
    bool ok = false;
    const double value = t.toDouble(&ok);
    if (!ok || !(value > 0.0) || !std::isfinite(value) || value * unit > 1e18) return std::nullopt;
    return static_cast<std::uint64_t>(value * unit);
}

StderrProgress::StderrProgress(QTextStream& err, QString prefix, QString unit, bool verbose)
    : err_(err), prefix_(std::move(prefix)), unit_(std::move(unit)), verbose_(verbose) {
    eta_.start(EtaEstimator::Clock::now());
    sinceLine_.start();
}

void StderrProgress::report(const ProgressUpdate& u) {
    std::lock_guard lock(mutex_);
    eta_.update(EtaEstimator::Clock::now(), u.done);
    const bool last = u.total > 0 && u.done >= u.total;
    if (!last && printedAny_ && sinceLine_.elapsed() < kProgressIntervalMs) return;
    sinceLine_.restart();
    printedAny_ = true;
    const int percent = u.total > 0 ? static_cast<int>(100 * u.done / u.total) : 0;
    err_ << "[" << prefix_ << "] " << percent << "% " << QString::fromStdString(u.stage) << " (" << u.done << "/"
         << u.total;
    if (const auto rate = eta_.ratePerSecond()) err_ << ", " << QString::number(*rate, 'f', 1) << " " << unit_ << "/s";
    if (const auto left = eta_.secondsLeft(u.done, u.total); left && !last)
        err_ << ", ETA " << QString::number(*left, 'f', 0) << " s";
    err_ << ")\n";
    err_.flush();
}

void StderrProgress::log(LogLevel level, const std::string& message) {
    if (level < LogLevel::Info && !verbose_) return;
    std::lock_guard lock(mutex_);
    err_ << "[" << prefix_ << "] " << (level >= LogLevel::Warning ? "warning: " : "") << QString::fromStdString(message) << "\n";
    err_.flush();
}

}  // namespace skyweave::cli
