// Driver for tests/bench/memory_monitor_bench.sh: what MemoryMonitor's sampling costs in CPU time.
//
//   memory_monitor_bench loop SAMPLES              sample() back to back; CPU µs per sample
//   memory_monitor_bench run INTERVAL_MS SECONDS   the real background thread; CPU % of one core
//
// CPU time is getrusage(RUSAGE_SELF) user + system, so it includes the thread's wake-ups and the
// signal emission, not only the /proc reads.
#include <sys/resource.h>

#include <QCoreApplication>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "memory/MemoryMonitor.h"

namespace {

double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

constexpr double kGuiIntervalS = 5.0;

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const std::string mode = argc > 1 ? argv[1] : "";
    skyweave::MemoryMonitor monitor;
    monitor.setReleaseOnCritical(false);
    std::atomic<long> samples{0};
    monitor.addCallback([&](skyweave::MemoryEvent e, const skyweave::MemoryStats&) {
        if (e == skyweave::MemoryEvent::Sampled) ++samples;
    });

    if (mode == "loop" && argc == 3) {
        const long n = std::atol(argv[2]);
        monitor.sample();  // warm the page cache of the files and the allocator
        const double cpu0 = cpuSeconds();
        const auto t0 = std::chrono::steady_clock::now();
        for (long i = 0; i < n; ++i) monitor.sample();
        const double cpu = cpuSeconds() - cpu0;
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const double perSampleUs = cpu / static_cast<double>(n) * 1e6;
        std::printf(
            "loop: %ld samples, %.1f µs CPU per sample (%.1f µs wall), at %.0f s interval = %.5f %% of one "
            "core\n",
            n, perSampleUs, wall / static_cast<double>(n) * 1e6, kGuiIntervalS,
            perSampleUs / 1e6 / kGuiIntervalS * 100.0);
        return 0;
    }
    if (mode == "run" && argc == 4) {
        const int intervalMs = std::atoi(argv[2]);
        const double seconds = std::atof(argv[3]);
        const double cpu0 = cpuSeconds();
        monitor.start(intervalMs);
        std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
        monitor.stop();
        const double cpu = cpuSeconds() - cpu0;
        const double percent = cpu / seconds * 100.0;
        const double perSampleUs = samples > 0 ? cpu / static_cast<double>(samples.load()) * 1e6 : 0.0;
        std::printf(
            "run: every %d ms for %.0f s: %ld samples, %.0f µs CPU in all (%.1f µs per sample) = %.5f %% of "
            "one "
            "core; scaled to %.0f s: %.5f %%\n",
            intervalMs, seconds, samples.load(), cpu * 1e6, perSampleUs, percent, kGuiIntervalS,
            perSampleUs / 1e6 / kGuiIntervalS * 100.0);
        return 0;
    }
    std::fprintf(stderr, "usage: %s loop SAMPLES | run INTERVAL_MS SECONDS\n", argv[0]);
    return 2;
}
