#!/usr/bin/env bash
# Encode benchmark: Skyweave's in-process libav* encoder vs the ffmpeg CLI, same PNG folder, same settings.
#
#   tests/bench/encode_bench.sh [BUILD_DIR]   (default build/release; build skyweave_encode_bench and skyweave-cli)
#   FRAMES=200 WIDTH=1920 HEIGHT=1080 CRF=20 PRESET=medium tests/bench/encode_bench.sh
#
# Part 1, encode only: both read frame_%06d.png (8-bit RGB, zlib level 1) and write H.264 yuv420p MP4
# with +faststart. Prints wall time, frames/s and peak RSS (/usr/bin/time -v) side by side, and the ratio.
# Part 2, end to end (E2E=0 skips it): `skyweave-cli interpolate` FRAMES/2+1 of those frames ×2 with
#   optical flow and (a) stream the frames into the encoder in process, vs (b) write them as PNGs
#   (--frames-out, zlib level 1 — cheaper than the level 6 the original app's Pillow used), then run the
#   ffmpeg CLI on the folder: the original's route. Same interpolation in both; target (b) ÷ (a) ≥ 2.
set -euo pipefail

BUILD=${1:-build/release}
BENCH="$BUILD/bin/skyweave_encode_bench"
FRAMES=${FRAMES:-200}
WIDTH=${WIDTH:-1920}
HEIGHT=${HEIGHT:-1080}
CRF=${CRF:-20}
PRESET=${PRESET:-medium}
E2E=${E2E:-1}
[[ -x "$BENCH" ]] || { echo "missing $BENCH: cmake --build --preset release --target skyweave_encode_bench" >&2; exit 1; }
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

echo "H.264 CRF $CRF preset $PRESET, ${FRAMES} frames ${WIDTH}x${HEIGHT} at 30 fps"
run ffmpeg ffmpeg -nostdin -hide_banner -loglevel error -y -framerate 30 -i "$WORK/frames/frame_%06d.png" \
    -c:v libx264 -preset "$PRESET" -crf "$CRF" -pix_fmt yuv420p -movflags +faststart "$WORK/ffmpeg.mp4"
FF_WALL=$WALL; FF_RSS=$RSS; FF_CPU=$CPU
run skyweave "$BENCH" encode "$WORK/frames" -o "$WORK/skyweave.mp4" --codec h264 --crf "$CRF" \
    --preset "$PRESET" --pix-fmt yuv420p --fps 30
SW_WALL=$WALL; SW_RSS=$RSS; SW_CPU=$CPU

printf '%-22s %9s %9s %9s %10s %10s %8s\n' tool "wall s" "cpu s" "frames/s" "peak MiB" "size MB" frames
for t in ffmpeg skyweave; do
    if [[ $t == ffmpeg ]]; then w=$FF_WALL; c=$FF_CPU; r=$FF_RSS; else w=$SW_WALL; c=$SW_CPU; r=$SW_RSS; fi
    size=$(stat -c %s "$WORK/$t.mp4")
    printf '%-22s %9.2f %9.2f %9.2f %10s %10.2f %8s\n' "$t" "$w" "$c" "$(echo "$FRAMES / $w" | bc -l)" "$r" \
        "$(echo "$size / 1000000" | bc -l)" "$(frames_of "$WORK/$t.mp4")"
done
printf 'Skyweave / ffmpeg: wall %.3f, cpu %.3f (target ≤ 1.05); load average now %s\n' \
    "$(echo "$SW_WALL / $FF_WALL" | bc -l)" "$(echo "$SW_CPU / $FF_CPU" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)"

[[ $E2E == 1 ]] || exit 0
CLI="$BUILD/bin/skyweave-cli"
INPUTS=$((FRAMES / 2 + 1))
mkdir -p "$WORK/inputs"
for f in $(ls "$WORK/frames" | head -n "$INPUTS"); do ln -s "$WORK/frames/$f" "$WORK/inputs/$f"; done
echo
echo "End to end: $INPUTS input frames, optical flow ×2 → $((2 * INPUTS - 1)) frames, H.264 CRF $CRF $PRESET"
run e2e_inprocess "$CLI" interpolate "$WORK/inputs" --factor 2 -o "$WORK/e2e.mp4" \
    --codec h264 --crf "$CRF" --preset "$PRESET" --pix-fmt yuv420p --fps 30
A_WALL=$WALL; A_RSS=$RSS; A_CPU=$CPU
run e2e_png "$CLI" interpolate "$WORK/inputs" --factor 2 --frames-out "$WORK/pngs"
P_WALL=$WALL; P_RSS=$RSS; P_CPU=$CPU
run e2e_ffmpeg ffmpeg -nostdin -hide_banner -loglevel error -y -framerate 30 -i "$WORK/pngs/frame_%06d.png" \
    -c:v libx264 -preset "$PRESET" -crf "$CRF" -pix_fmt yuv420p -movflags +faststart "$WORK/e2e_png.mp4"
F_WALL=$WALL; F_RSS=$RSS; F_CPU=$CPU
TOTAL=$(echo "$P_WALL + $F_WALL" | bc -l)
TOTAL_CPU=$(echo "$P_CPU + $F_CPU" | bc -l)
printf '%-40s %9s %9s %10s %8s\n' route "wall s" "cpu s" "peak MiB" frames
printf '%-40s %9.2f %9.2f %10s %8s\n' "in process: interpolate → encoder" "$A_WALL" "$A_CPU" "$A_RSS" \
    "$(frames_of "$WORK/e2e.mp4")"
printf '%-40s %9.2f %9.2f %10s\n' "PNG route: interpolate → PNG folder" "$P_WALL" "$P_CPU" "$P_RSS"
printf '%-40s %9.2f %9.2f %10s %8s\n' "PNG route: ffmpeg CLI on the folder" "$F_WALL" "$F_CPU" "$F_RSS" \
    "$(frames_of "$WORK/e2e_png.mp4")"
printf 'PNG route / in process: wall %.2f×, cpu %.2f× (target ≥ 2); load average now %s\n' \
    "$(echo "$TOTAL / $A_WALL" | bc -l)" "$(echo "$TOTAL_CPU / $A_CPU" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)"
