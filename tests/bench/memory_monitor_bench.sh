#!/usr/bin/env bash
# MemoryMonitor overhead: CPU time of sampling /proc/meminfo, /proc/self/status and the cgroup files.
#
#   tests/bench/memory_monitor_bench.sh [BUILD_DIR]     (default build/release; build memory_monitor_bench first)
#   SECONDS_AT_5S=60 tests/bench/memory_monitor_bench.sh
#
# Three figures: sample() back to back (µs per sample), the background thread at the GUI's 5 s for a
# minute (direct), and at 10 ms for 10 s scaled to 5 s. Side by side: `free -m` run every 5 s, the
# usual shell way to watch memory, measured the same way (CPU time of the children).
set -euo pipefail

BUILD=${1:-build/release}
BENCH="$BUILD/bin/memory_monitor_bench"
AT5=${SECONDS_AT_5S:-60}
[[ -x "$BENCH" ]] || { echo "missing $BENCH: cmake --build --preset release --target memory_monitor_bench" >&2; exit 1; }

echo "== Skyweave MemoryMonitor"
"$BENCH" loop 20000
"$BENCH" run 10 10
"$BENCH" run 5000 "$AT5"

echo "== peer: free -m, 100 runs (what a shell watch loop pays per sample)"
start=$(awk '{print $14+$15+$16+$17}' /proc/$$/stat)
for _ in $(seq 100); do free -m >/dev/null; done
end=$(awk '{print $14+$15+$16+$17}' /proc/$$/stat)
ticks=$(getconf CLK_TCK)
awk -v d=$((end - start)) -v t="$ticks" \
    'BEGIN { us = d / t / 100 * 1e6; printf "free -m: %.0f µs CPU per sample, at 5 s interval = %.5f %% of one core\n", us, us / 1e6 / 5 * 100 }'
