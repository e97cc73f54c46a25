#pragma once

#include <QObject>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "memory/MemorySettings.h"
#include "memory/MemoryStats.h"
#include "memory/ProcReader.h"

namespace skyweave {

/// What a MemoryMonitor callback is told about (mirrors the signals).
enum class MemoryEvent { Sampled, LevelChanged, Warning, Critical };

/**
 * @brief Samples memory on its own thread and tells the rest of the program (signals and callbacks).
 *
 * start() runs a private thread that calls sample() at once and then every `intervalMs` (GUI: 5 s);
 * between samples it sleeps on a condition variable (one wake-up per interval, no event loop). Each sample
 * emits statsUpdated(); a change of level emits levelChanged() and is logged on "skyweave.memory"; Low emits
 * memoryWarning() at most every kWarningRepeat and Critical emits memoryCritical() at most every
 * kCriticalRepeat (the two have separate timers). Entering Critical also calls MemoryBudget::releaseMemory()
 * (trims the heap) unless disabled.
 *
 * Signals are emitted from the sampling thread: Qt queues them to receivers living in other threads
 * (the GUI), so slots never run on the monitor thread unless connected with Qt::DirectConnection
 * (as PressureGovernor::follow() does). Callbacks run on the sampling thread too and must be quick.
 * sample() may also be called from any thread (the CLI calls it directly, no event loop needed).
 */
class MemoryMonitor : public QObject {
    Q_OBJECT

public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;
    using Callback = std::function<void(MemoryEvent event, const MemoryStats& stats)>;

    /// Repeat limits for the warning signals (the original GOES-VFI intervals).
    static constexpr std::chrono::seconds kCriticalRepeat{30};
    static constexpr std::chrono::seconds kWarningRepeat{60};

    explicit MemoryMonitor(MemorySettings settings = MemorySettings::fromEnvironment(),
                           ProcReader reader = ProcReader::fromEnvironment(), QObject* parent = nullptr);
    ~MemoryMonitor() override;

    /// Start background sampling every `intervalMs` (≤ 0: settings().intervalMs). Restarts if running.
    void start(int intervalMs = 0);
    /// Stop and join the sampling thread. Safe to call when not running.
    void stop();
    [[nodiscard]] bool isRunning() const;

    /**
     * @brief Read memory now, classify it and notify (signals, callbacks, log) exactly like a timer tick.
     * @throws SkyweaveError when proc/meminfo cannot be read (background sampling logs it instead).
     */
    MemoryStats sample();
    /// Classify and notify already-measured stats as if sampled (demos, GUI tests). Returns them with level.
    MemoryStats feed(MemoryStats stats);
    /// Last sample (level Normal and zeros before the first).
    [[nodiscard]] MemoryStats lastStats() const;

    [[nodiscard]] const MemorySettings& settings() const { return settings_; }

    /// Replace the time source used for the repeat limits (tests advance a fake clock).
    void setClock(Clock clock);
    /// Whether entering Critical calls MemoryBudget::releaseMemory() (default true).
    void setReleaseOnCritical(bool release);

    /// Plain-C++ observer; returns an id for removeCallback(). Called on the sampling thread, after the
    /// signal of the same event. Callbacks may add or remove callbacks.
    int addCallback(Callback callback);
    /// After this returns the callback is not running and will not be called again (safe to destroy
    /// what it captured), unless called from inside a callback on the sampling thread.
    void removeCallback(int id);

signals:
    void statsUpdated(skyweave::MemoryStats stats);
    void levelChanged(skyweave::MemoryLevel level);
    void memoryWarning(skyweave::MemoryStats stats);
    void memoryCritical(skyweave::MemoryStats stats);

private:
    const MemorySettings settings_;
    const ProcReader reader_;

    mutable std::mutex mutex_;  // guards the fields up to callbacks_
    Clock clock_;
    bool releaseOnCritical_ = true;
    MemoryStats last_;
    std::optional<std::chrono::steady_clock::time_point> lastWarning_;
    std::optional<std::chrono::steady_clock::time_point> lastCritical_;

    std::recursive_mutex callbackMutex_;  // guards callbacks_ and is held while they run
    std::map<int, Callback> callbacks_;
    int nextCallbackId_ = 1;

    void runSampling(std::stop_token stop, std::chrono::milliseconds interval);

    mutable std::mutex threadMutex_;  // guards thread_ (start/stop from any thread)
    std::jthread thread_;
};

}  // namespace skyweave
