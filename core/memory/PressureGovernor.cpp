#include "memory/PressureGovernor.h"

#include <algorithm>
#include <chrono>

#include "common/Errors.h"
#include "memory/MemoryLog.h"
#include "memory/MemoryMonitor.h"

namespace skyweave {

namespace {

/// How often a paused reader looks at its cancel token.
constexpr std::chrono::milliseconds kCancelPollInterval{100};

ResourceLimits clampTo(ResourceLimits v, ResourceLimits lo, ResourceLimits hi) {
    return {std::clamp(v.workers, lo.workers, hi.workers), std::clamp(v.batch, lo.batch, hi.batch)};
}

/// "Reduced workers from 4 to 2 and batch from 8 to 4" — only the parts that changed.
QString describeChange(ResourceLimits from, ResourceLimits to) {
    const bool down = to.workers < from.workers || to.batch < from.batch;
    QStringList parts;
    if (from.workers != to.workers)
        parts << QStringLiteral("workers from %1 to %2").arg(from.workers).arg(to.workers);
    if (from.batch != to.batch) parts << QStringLiteral("batch from %1 to %2").arg(from.batch).arg(to.batch);
    return (down ? QStringLiteral("Reduced ") : QStringLiteral("Raised ")) +
           parts.join(QStringLiteral(" and "));
}

}  // namespace

PressureGovernor::PressureGovernor(ResourceLimits maximum, ResourceLimits minimum, QObject* parent)
    : QObject(parent),
      maximum_{std::max(maximum.workers, 1), std::max(maximum.batch, 1)},
      minimum_{std::clamp(minimum.workers, 1, maximum_.workers),
               std::clamp(minimum.batch, 1, maximum_.batch)},
      current_(maximum_) {
    qRegisterMetaType<ResourceLimits>("skyweave::ResourceLimits");
    registerMemoryMetaTypes();
}

PressureGovernor::~PressureGovernor() {
    for (const auto& c : followed_) disconnect(c);
    // A sample already being delivered on the monitor thread finishes before the members go away.
    std::lock_guard delivery(deliveryMutex_);
}

ResourceLimits PressureGovernor::current() const {
    std::lock_guard lock(mutex_);
    return current_;
}

MemoryLevel PressureGovernor::level() const {
    std::lock_guard lock(mutex_);
    return level_;
}

bool PressureGovernor::readsPaused() {
    ResourceLimits limits;
    {
        std::lock_guard lock(mutex_);
        if (!paused_ || pauseExpired_) return false;
        if (std::chrono::steady_clock::now() - pausedSince_ < maxPause_) return true;
        pauseExpired_ = true;
        limits = current_;
    }
    const QString reason = QStringLiteral("Memory still critical after %1 s at the smallest batch; reading on one at a time")
                               .arg(std::chrono::duration_cast<std::chrono::seconds>(maxPause_).count());
    qCWarning(lcMemory).noquote() << reason;
    emit adjusted(limits, reason);
    return false;
}

std::chrono::milliseconds PressureGovernor::maxPause() const {
    std::lock_guard lock(mutex_);
    return maxPause_;
}

void PressureGovernor::setMaxPause(std::chrono::milliseconds maxPause) {
    {
        std::lock_guard lock(mutex_);
        maxPause_ = std::max(maxPause, std::chrono::milliseconds{0});
    }
    resumed_.notify_all();
}

void PressureGovernor::waitWhileReadsPaused(const CancelToken& cancel) {
    while (readsPaused()) {
        cancel.throwIfCancelled();
        std::unique_lock lock(mutex_);
        if (!paused_) break;
        const auto left = maxPause_ - std::chrono::duration_cast<std::chrono::milliseconds>(
                                          std::chrono::steady_clock::now() - pausedSince_);
        resumed_.wait_for(lock, std::clamp(left, std::chrono::milliseconds{1}, kCancelPollInterval));
    }
    cancel.throwIfCancelled();
}

QMetaObject::Connection PressureGovernor::follow(const MemoryMonitor& monitor) {
    const auto c = connect(&monitor, &MemoryMonitor::statsUpdated, this, &PressureGovernor::onStats,
                           Qt::DirectConnection);
    std::lock_guard delivery(deliveryMutex_);
    followed_ << c;
    return c;
}

void PressureGovernor::onLevel(MemoryLevel level) {
    std::lock_guard delivery(deliveryMutex_);
    QStringList changes;
    ResourceLimits after;
    bool pausedNow = false;
    {
        std::lock_guard lock(mutex_);
        const ResourceLimits before = current_;
        const bool wasPaused = paused_;
        switch (level) {
            case MemoryLevel::Critical:
                current_ = minimum_;
                paused_ = true;
                break;
            case MemoryLevel::Low:
                // Halve once on the way down; staying Low holds the size, and coming up from Critical
                // keeps the minimum and only lets reads resume.
                if (level_ == MemoryLevel::Normal) {
                    current_ = clampTo({current_.workers / 2, current_.batch / 2}, minimum_, maximum_);
                }
                paused_ = false;
                break;
            case MemoryLevel::Normal:
                current_ = clampTo({current_.workers * 2, current_.batch * 2}, minimum_, maximum_);
                paused_ = false;
                break;
        }
        level_ = level;
        after = current_;
        pausedNow = paused_;
        if (before != current_) changes << describeChange(before, current_);
        if (paused_ && !wasPaused) {
            changes << QStringLiteral("paused new reads");
            pausedSince_ = std::chrono::steady_clock::now();
            pauseExpired_ = false;
        }
        if (!paused_ && wasPaused) changes << QStringLiteral("resumed reads");
    }
    if (!pausedNow) resumed_.notify_all();
    if (changes.isEmpty()) return;
    QString reason =
        changes.join(QStringLiteral("; ")) + QStringLiteral(" (memory %1)").arg(memoryLevelText(level));
    reason[0] = reason[0].toUpper();
    qCInfo(lcMemory).noquote() << reason;
    emit adjusted(after, reason);
}

}  // namespace skyweave
