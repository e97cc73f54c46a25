#include "memory/MemoryMonitor.h"

#include <pthread.h>

#include <condition_variable>
#include <vector>

#include "common/Errors.h"
#include "memory/MemoryBudget.h"
#include "memory/MemoryLog.h"

namespace skyweave {

namespace {

QString describe(const MemoryStats& s) {
    return QStringLiteral("%1 MB available of %2 MB (%3 % used), process RSS %4 MB")
        .arg(bytesToMb(s.availableBytes))
        .arg(bytesToMb(s.totalBytes))
        .arg(s.usedPercent, 0, 'f', 1)
        .arg(bytesToMb(s.processRssBytes));
}

}  // namespace

MemoryMonitor::MemoryMonitor(MemorySettings settings, ProcReader reader, QObject* parent)
    : QObject(parent),
      settings_(settings),
      reader_(std::move(reader)),
      clock_([] { return std::chrono::steady_clock::now(); }) {
    registerMemoryMetaTypes();
}

MemoryMonitor::~MemoryMonitor() {
    stop();
}

void MemoryMonitor::start(int intervalMs) {
    stop();
    const std::chrono::milliseconds interval{intervalMs > 0 ? intervalMs : std::max(settings_.intervalMs, 1)};
    std::lock_guard lock(threadMutex_);
    thread_ = std::jthread([this, interval](std::stop_token stop) { runSampling(stop, interval); });
    qCDebug(lcMemory) << "monitor started, every" << interval.count() << "ms";
}

void MemoryMonitor::stop() {
    std::lock_guard lock(threadMutex_);
    if (!thread_.joinable()) return;
    thread_.request_stop();  // wakes the wait in runSampling() at once
    // From a callback on the sampling thread itself: the loop ends after this sample; joined later.
    if (thread_.get_id() == std::this_thread::get_id()) return;
    thread_.join();
    thread_ = std::jthread();
}

bool MemoryMonitor::isRunning() const {
    std::lock_guard lock(threadMutex_);
    return thread_.joinable();
}

void MemoryMonitor::runSampling(std::stop_token stop, std::chrono::milliseconds interval) {
    pthread_setname_np(pthread_self(), "skyweave-memmon");
    std::mutex sleepMutex;
    std::condition_variable_any sleeper;
    bool failing = false;
    while (!stop.stop_requested()) {
        try {
            sample();
            if (failing) qCInfo(lcMemory) << "memory sampling works again";
            failing = false;
        } catch (const SkyweaveError& e) {
            // A vanished /proc (or a broken fake root) must not kill the thread or flood the log.
            if (!failing) qCWarning(lcMemory).noquote() << "memory sampling failed:" << e.what();
            failing = true;
        }
        std::unique_lock lock(sleepMutex);
        sleeper.wait_for(lock, stop, interval, [] { return false; });
    }
}

MemoryStats MemoryMonitor::sample() {
    return feed(reader_.read());
}

MemoryStats MemoryMonitor::feed(MemoryStats stats) {
    stats.level = settings_.levelFor(stats.availableBytes, stats.usedPercent, stats.totalBytes);
    MemoryLevel previous = MemoryLevel::Normal;
    bool warn = false;
    bool critical = false;
    bool release = false;
    {
        std::lock_guard lock(mutex_);
        previous = last_.level;
        const auto now = clock_();
        if (stats.level == MemoryLevel::Critical &&
            (!lastCritical_ || now - *lastCritical_ >= kCriticalRepeat)) {
            critical = true;
            lastCritical_ = now;
        }
        if (stats.level == MemoryLevel::Low && (!lastWarning_ || now - *lastWarning_ >= kWarningRepeat)) {
            warn = true;
            lastWarning_ = now;
        }
        release =
            releaseOnCritical_ && stats.level == MemoryLevel::Critical && previous != MemoryLevel::Critical;
        last_ = stats;
    }
    const bool changed = stats.level != previous;
    if (changed) {
        const QString text =
            QStringLiteral("memory level %1 -> %2: %3")
                .arg(memoryLevelText(previous), memoryLevelText(stats.level), describe(stats));
        if (stats.level == MemoryLevel::Critical) {
            qCWarning(lcMemory).noquote() << text;
        } else {
            qCInfo(lcMemory).noquote() << text;
        }
    }
    if (release) MemoryBudget::releaseMemory();

    // Callbacks run under callbackMutex_ so that removeCallback() returning means "never called again";
    // the copy lets a callback add or remove callbacks (the mutex is recursive).
    std::lock_guard callbackLock(callbackMutex_);
    const auto callbacks = callbacks_;
    auto notify = [&](MemoryEvent event) {
        for (const auto& [id, cb] : callbacks) cb(event, stats);
    };
    emit statsUpdated(stats);
    notify(MemoryEvent::Sampled);
    if (changed) {
        emit levelChanged(stats.level);
        notify(MemoryEvent::LevelChanged);
    }
    if (warn) {
        emit memoryWarning(stats);
        notify(MemoryEvent::Warning);
    }
    if (critical) {
        emit memoryCritical(stats);
        notify(MemoryEvent::Critical);
    }
    return stats;
}

MemoryStats MemoryMonitor::lastStats() const {
    std::lock_guard lock(mutex_);
    return last_;
}

void MemoryMonitor::setClock(Clock clock) {
    std::lock_guard lock(mutex_);
    clock_ = std::move(clock);
}

void MemoryMonitor::setReleaseOnCritical(bool release) {
    std::lock_guard lock(mutex_);
    releaseOnCritical_ = release;
}

int MemoryMonitor::addCallback(Callback callback) {
    std::lock_guard lock(callbackMutex_);
    const int id = nextCallbackId_++;
    callbacks_.emplace(id, std::move(callback));
    return id;
}

void MemoryMonitor::removeCallback(int id) {
    std::lock_guard lock(callbackMutex_);
    callbacks_.erase(id);
}

}  // namespace skyweave
