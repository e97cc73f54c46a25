#!/usr/bin/env bash
# Stack benchmark: skyweave-cli stack vs ccdproc.combine vs siril-cli on 64 float32 frames of
# 2048×2048 with a 256 MiB memory limit. Prints wall time, peak RSS and the difference to ccdproc.
#   bash tests/bench/stack_bench.sh [BUILD_DIR]      (peers: bash packaging/install-deps.sh --bench)
# Environment: STACK_BENCH_DIR (data, default /tmp/skyweave-stack-bench), STACK_BENCH_FRAMES (64),
# STACK_BENCH_SIZE (2048), STACK_BENCH_LIMIT (256M), SKIP_CCDPROC=1, SKIP_SIRIL=1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build/release}
cli=$build/bin/skyweave-cli
dir=${STACK_BENCH_DIR:-/tmp/skyweave-stack-bench}
frames=${STACK_BENCH_FRAMES:-64}
size=${STACK_BENCH_SIZE:-2048}
limit=${STACK_BENCH_LIMIT:-256M}
py=/usr/bin/python3   # Debian's python3 has astropy/ccdproc; another python3 on PATH may not
timer=/usr/bin/time
[[ -x $cli ]] || { echo "stack_bench: build skyweave-cli first ($cli)" >&2; exit 1; }
[[ -x $timer ]] || { echo "stack_bench: needs /usr/bin/time (bash packaging/install-deps.sh --bench)" >&2; exit 1; }

limit_bytes=$($py -c "import sys; s=sys.argv[1].upper(); u={'K':1<<10,'M':1<<20,'G':1<<30}; print(int(float(s[:-1])*u[s[-1]]) if s[-1] in u else int(float(s)*(1<<30)))" "$limit")
mkdir -p "$dir/frames" "$dir/out"
if [[ $(ls "$dir/frames" | wc -l) -ne $frames ]]; then
  echo "Generating $frames frames of ${size}×${size} float32 in $dir/frames ..." >&2
  rm -f "$dir"/frames/*.fits
  $py "$here/make_stack_frames.py" "$dir/frames" "$frames" "$size"
fi
inputs=("$dir"/frames/*.fits)
cat "${inputs[@]}" > /dev/null   # warm the page cache for every tool alike

# run NAME CMD... → prints "wall_s peak_kib" (from /usr/bin/time) and keeps the tool's output in $dir/out/NAME.log
run() {
  local name=$1; shift
  $timer -f "%e %M" -o "$dir/out/$name.time" "$@" > "$dir/out/$name.log" 2>&1 || { echo "stack_bench: $name failed, see $dir/out/$name.log" >&2; return 1; }
  cat "$dir/out/$name.time" | tail -1
}

read -r _ base_kib < <(run version "$cli" --version)
printf "%-34s %9s %12s %12s %12s\n" "run (limit $limit)" "wall s" "peak MiB" "max |diff|" "max rel"
report() {  # label wall kib file reference [scale]
  local diff="-" rel="-"
  if [[ -n ${4:-} && -f ${5:-/nonexistent} ]]; then read -r diff rel < <($py "$here/compare_fits.py" "$4" "$5" "${6:-1}"); fi
  printf "%-34s %9.2f %12.1f %12s %12s\n" "$1" "$2" "$(awk "BEGIN{print $3 / 1024}")" "$diff" "$rel"
}

declare -A sw_wall sw_kib
for mode in median sigma; do
  if [[ $mode == median ]]; then opts=(--method median); else opts=(--method average --reject sigma --sigma-low 3 --sigma-high 3 --iterations 1); fi
  read -r w k < <(run "skyweave_$mode" "$cli" stack "${inputs[@]}" -o "$dir/out/skyweave_$mode.fits" --overwrite "${opts[@]}" --memory-limit "$limit")
  sw_wall[$mode]=$w; sw_kib[$mode]=$k
  if [[ -z ${SKIP_CCDPROC:-} ]]; then
    read -r cw ck < <(run "ccdproc_$mode" $py "$here/ccdproc_combine.py" "$mode" "$limit_bytes" "$dir/out/ccdproc_$mode.fits" "${inputs[@]}")
    report "ccdproc.combine $mode" "$cw" "$ck"
  fi
  report "skyweave-cli stack $mode" "$w" "$k" "$dir/out/skyweave_$mode.fits" "$dir/out/ccdproc_$mode.fits"
  printf "%-34s %9s %12.1f   (peak RSS − RSS of --version, target < 256)\n" "  skyweave RSS above baseline" "" "$(awk "BEGIN{print ($k - $base_kib) / 1024}")"
  [[ -z ${SKIP_CCDPROC:-} ]] && printf "%-34s %9.1f×\n" "  speed-up vs ccdproc (target ≥ 10)" "$(awk "BEGIN{print $cw / $w}")"
done

if [[ -z ${SKIP_SIRIL:-} ]] && command -v siril-cli > /dev/null; then
  # Siril 1.0.6 misreads float ADU frames through its default convert: use a FITS sequence (results are ADU/65535).
  rm -rf "$dir/siril" && mkdir -p "$dir/siril"
  printf 'requires 1.0.0\nconvert bench -fitseq -out=%s\n' "$dir/siril" > "$dir/siril/convert.ssf"
  printf 'requires 1.0.0\ncd %s\nstack bench med -nonorm -out=%s\n' "$dir/siril" "$dir/out/siril_median" > "$dir/siril/stack.ssf"
  (cd "$dir/frames" && siril-cli -s "$dir/siril/convert.ssf" > "$dir/out/siril_convert.log" 2>&1)
  read -r sw sk < <(cd "$dir/siril" && run siril_median siril-cli -s "$dir/siril/stack.ssf")
  report "siril-cli stack med -nonorm" "$sw" "$sk" "$dir/out/siril_median.fit" "$dir/out/ccdproc_median.fits" 65535
  printf "%-34s %9.2f×  (target ≥ 1: skyweave no slower than Siril)\n" "  skyweave median speed vs siril" "$(awk "BEGIN{print $sw / ${sw_wall[median]}}")"
fi
