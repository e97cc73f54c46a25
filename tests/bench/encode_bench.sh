#!/usr/bin/env bash
# Encode benchmark: Skyweave's in-process libav* encoder vs the ffmpeg CLI, same PNG folder, same settings.
#
#   tests/bench/encode_bench.sh [BUILD_DIR]   (default build/release; build skyweave_encode_bench and skyweave-cli)
#   FRAMES=200 WIDTH=1920 HEIGHT=1080 CRF=20 PRESET=medium REPEAT=3 tests/bench/encode_bench.sh
#   ENCODE=0 skips part 1; E2E=0 skips part 2; QUALITY=fast|medium|fine is the flow quality of part 2.
#
# Part 1, encode only: `skyweave-cli encode` (the command users run) and the ffmpeg CLI both read
# frame_%06d.png (8-bit RGB, zlib level 1) and write H.264 yuv420p MP4 with +faststart. The two run
# REPEAT times, alternating, so a neighbour's load falls on both; the median run of each is shown
# with its CPU time, frames/s and peak RSS (/usr/bin/time -v), and the ratio of the medians.
# Part 2, end to end (E2E=0 skips it): `skyweave-cli interpolate` FRAMES/2+1 of those frames ×2 with
#   optical flow and (a) stream the frames into the encoder in process, vs (b) write them as PNGs
#   (--frames-out, zlib level 1 — cheaper than the level 6 the original app's Pillow used), then run the
#   ffmpeg CLI on the folder, and (c) the original's own route: PNGs at zlib level 6 (Pillow's default),
#   then the ffmpeg CLI. Same interpolation kernel in all; target (c) ÷ (a) ≥ 2.
set -euo pipefail

BUILD=${1:-build/release}
BENCH="$BUILD/bin/skyweave_encode_bench"
FRAMES=${FRAMES:-200}
WIDTH=${WIDTH:-1920}
HEIGHT=${HEIGHT:-1080}
CRF=${CRF:-20}
PRESET=${PRESET:-medium}
E2E=${E2E:-1}
ENCODE=${ENCODE:-1}
QUALITY=${QUALITY:-medium}
REPEAT=${REPEAT:-3}
CLI="$BUILD/bin/skyweave-cli"
[[ -x "$BENCH" && -x "$CLI" ]] ||
    { echo "missing $BENCH or $CLI: cmake --build --preset release --target skyweave_encode_bench skyweave-cli" >&2; exit 1; }
command -v ffmpeg >/dev/null || { echo "ffmpeg CLI not found" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/skyweave-encode-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# run LABEL CMD... → sets WALL (s), CPU (user+sys s) and RSS (MiB). On a shared machine wall time
# follows the neighbours' load; CPU time is the steadier figure to compare.
run() {
    local label=$1; shift
    local t0 t1
    t0=$(date +%s.%N)
    /usr/bin/time -v -o "$WORK/time.txt" "$@" >"$WORK/$label.log" 2>&1 || { cat "$WORK/$label.log" >&2; exit 1; }
    t1=$(date +%s.%N)
    WALL=$(echo "$t1 - $t0" | bc -l)
    RSS=$(awk '/Maximum resident/ {printf "%.0f", $6/1024}' "$WORK/time.txt")
    CPU=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$WORK/time.txt")
}

frames_of() { ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 "$1"; }

echo "Making $FRAMES synthetic ${WIDTH}x${HEIGHT} PNG frames…"
"$BENCH" make-frames "$WORK/frames" "$FRAMES" "$WIDTH" "$HEIGHT" >/dev/null
sync

if [[ $ENCODE == 1 ]]; then
echo "H.264 CRF $CRF preset $PRESET, ${FRAMES} frames ${WIDTH}x${HEIGHT} at 30 fps"
# median LIST: the middle value of whitespace-separated "wall cpu rss" triples, by wall time.
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $0} END {print a[int((NR + 1) / 2)]}'; }
FF_RUNS=(); SW_RUNS=()
for ((i = 1; i <= REPEAT; i++)); do
    run ffmpeg ffmpeg -nostdin -hide_banner -loglevel error -y -framerate 30 -i "$WORK/frames/frame_%06d.png" \
        -c:v libx264 -preset "$PRESET" -crf "$CRF" -pix_fmt yuv420p -movflags +faststart "$WORK/ffmpeg.mp4"
    FF_RUNS+=("$WALL $CPU $RSS")
    run skyweave "$CLI" encode "$WORK/frames" -o "$WORK/skyweave.mp4" --overwrite --codec h264 --crf "$CRF" \
        --preset "$PRESET" --pix-fmt yuv420p --fps 30
    SW_RUNS+=("$WALL $CPU $RSS")
done
read -r FF_WALL FF_CPU FF_RSS <<<"$(median "${FF_RUNS[@]}")"
read -r SW_WALL SW_CPU SW_RSS <<<"$(median "${SW_RUNS[@]}")"
echo "wall times (s), ffmpeg: $(printf '%s\n' "${FF_RUNS[@]}" | cut -d' ' -f1 | xargs); skyweave: $(printf '%s\n' "${SW_RUNS[@]}" | cut -d' ' -f1 | xargs)"

printf '%-22s %9s %9s %9s %10s %10s %8s\n' tool "wall s" "cpu s" "frames/s" "peak MiB" "size MB" frames
for t in ffmpeg skyweave; do
    if [[ $t == ffmpeg ]]; then w=$FF_WALL; c=$FF_CPU; r=$FF_RSS; else w=$SW_WALL; c=$SW_CPU; r=$SW_RSS; fi
    size=$(stat -c %s "$WORK/$t.mp4")
    printf '%-22s %9.2f %9.2f %9.2f %10s %10.2f %8s\n' "$t" "$w" "$c" "$(echo "$FRAMES / $w" | bc -l)" "$r" \
        "$(echo "$size / 1000000" | bc -l)" "$(frames_of "$WORK/$t.mp4")"
done
printf 'Skyweave / ffmpeg: wall %.3f, cpu %.3f (target ≤ 1.05); load average now %s\n' \
    "$(echo "$SW_WALL / $FF_WALL" | bc -l)" "$(echo "$SW_CPU / $FF_CPU" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)"
fi

[[ $E2E == 1 ]] || exit 0
INPUTS=$((FRAMES / 2 + 1))
mkdir -p "$WORK/inputs"
for f in $(ls "$WORK/frames" | head -n "$INPUTS"); do ln -s "$WORK/frames/$f" "$WORK/inputs/$f"; done
echo
echo "End to end: $INPUTS input frames, optical flow ($QUALITY) ×2 → $((2 * INPUTS - 1)) frames, H.264 CRF $CRF $PRESET"
run e2e_inprocess "$CLI" interpolate "$WORK/inputs" --factor 2 --quality "$QUALITY" -o "$WORK/e2e.mp4" \
    --codec h264 --crf "$CRF" --preset "$PRESET" --pix-fmt yuv420p --fps 30
A_WALL=$WALL; A_RSS=$RSS; A_CPU=$CPU
run e2e_png "$CLI" interpolate "$WORK/inputs" --factor 2 --quality "$QUALITY" --frames-out "$WORK/pngs"
P_WALL=$WALL; P_RSS=$RSS; P_CPU=$CPU
run e2e_ffmpeg ffmpeg -nostdin -hide_banner -loglevel error -y -framerate 30 -i "$WORK/pngs/frame_%06d.png" \
    -c:v libx264 -preset "$PRESET" -crf "$CRF" -pix_fmt yuv420p -movflags +faststart "$WORK/e2e_png.mp4"
F_WALL=$WALL; F_RSS=$RSS; F_CPU=$CPU
# The original's own hand-over wrote PNGs at zlib level 6 (Pillow's default), one pair at a time.
run e2e_png6 "$BENCH" png-route "$WORK/inputs" "$WORK/pngs6" 2 "$QUALITY" 6
O_WALL=$WALL; O_RSS=$RSS; O_CPU=$CPU
run e2e_ffmpeg6 ffmpeg -nostdin -hide_banner -loglevel error -y -framerate 30 -i "$WORK/pngs6/frame_%06d.png" \
    -c:v libx264 -preset "$PRESET" -crf "$CRF" -pix_fmt yuv420p -movflags +faststart "$WORK/e2e_png6.mp4"
G_WALL=$WALL; G_RSS=$RSS; G_CPU=$CPU
TOTAL=$(echo "$P_WALL + $F_WALL" | bc -l)
TOTAL_CPU=$(echo "$P_CPU + $F_CPU" | bc -l)
printf '%-40s %9s %9s %10s %8s\n' route "wall s" "cpu s" "peak MiB" frames
printf '%-40s %9.2f %9.2f %10s %8s\n' "in process: interpolate → encoder" "$A_WALL" "$A_CPU" "$A_RSS" \
    "$(frames_of "$WORK/e2e.mp4")"
printf '%-40s %9.2f %9.2f %10s\n' "PNG route: interpolate → PNG folder" "$P_WALL" "$P_CPU" "$P_RSS"
printf '%-40s %9.2f %9.2f %10s %8s\n' "PNG route: ffmpeg CLI on the folder" "$F_WALL" "$F_CPU" "$F_RSS" \
    "$(frames_of "$WORK/e2e_png.mp4")"
printf '%-40s %9.2f %9.2f %10s\n' "level-6 route: interpolate → PNGs" "$O_WALL" "$O_CPU" "$O_RSS"
printf '%-40s %9.2f %9.2f %10s %8s\n' "level-6 route: ffmpeg CLI" "$G_WALL" "$G_CPU" "$G_RSS" \
    "$(frames_of "$WORK/e2e_png6.mp4")"
printf 'PNG level 1 route / in process: wall %.2f×, cpu %.2f×\n' \
    "$(echo "$TOTAL / $A_WALL" | bc -l)" "$(echo "$TOTAL_CPU / $A_CPU" | bc -l)"
printf "Original's level-6 route / in process: wall %.2f×, cpu %.2f× (target ≥ 2); load average now %s\n" \
    "$(echo "($O_WALL + $G_WALL) / $A_WALL" | bc -l)" "$(echo "($O_CPU + $G_CPU) / $A_CPU" | bc -l)" \
    "$(cut -d' ' -f1 /proc/loadavg)"
