#!/usr/bin/env bash
# Interpolation benchmark: drop every other frame, interpolate it back, score against the real frames.
#
#   tests/bench/interp_bench.sh [FOLDER_OR_VIDEO...]
#
# Datasets: a generated cloud-like loop (1280×720 grey: two cloud layers, one turning and one drifting,
# screened over each other, so motion is non-rigid), the camera clip that python3-imageio ships
# (cockatoo.mp4, real 1280×720 footage) when installed, and every folder of images or video given.
# For each: Skyweave flow (quality fast and medium), Skyweave blend and ffmpeg minterpolate
# (mi_mode=mci:mc_mode=aobmc:me_mode=bidir:vsbmc=1) each rebuild the dropped frames; the table shows
# PSNR and SSIM against the real frames (ffmpeg's psnr/ssim filters), interpolated frames per second
# of wall time, user + sys CPU seconds, and peak RSS (/usr/bin/time -v). Skyweave uses every core,
# minterpolate one. Also: python3-imageio's second clip (realshort.mp4, hand-held 320×240) and a
# turning, drifting view of python3-skimage's Hubble Deep Field photograph, when installed.
# Environment: SKYWEAVE_CLI (default build/release/bin/skyweave-cli), FRAMES (default 31 input frames),
# MEMORY_LIMIT (default 1G).
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
cli=${SKYWEAVE_CLI:-$here/build/release/bin/skyweave-cli}
frames=${FRAMES:-31}
memlimit=${MEMORY_LIMIT:-1G}
[[ -x $cli ]] || { echo "build skyweave-cli first ($cli)" >&2; exit 2; }
command -v ffmpeg >/dev/null || { echo "ffmpeg is needed for minterpolate and the scores" >&2; exit 2; }
work=$(mktemp -d /tmp/skyweave-interp-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

ff() { ffmpeg -hide_banner -loglevel error -y "$@"; }

make_clouds() {  # $1 = output folder
    mkdir -p "$1"
    ff -f lavfi -i "nullsrc=s=1800x1400:d=1,geq=lum='random(1)*255':cb=128:cr=128,gblur=sigma=28,eq=contrast=6:brightness=-0.1,format=gray" \
        -frames:v 1 "$work/coarse.png"
    ff -f lavfi -i "nullsrc=s=1600x1000:d=1,geq=lum='random(2)*255':cb=128:cr=128,gblur=sigma=6,eq=contrast=4,format=gray" \
        -frames:v 1 "$work/fine.png"
    # Coarse layer turns slowly about the centre; fine layer drifts east-north-east at 2.3 px/frame.
    ff -loop 1 -i "$work/coarse.png" -loop 1 -i "$work/fine.png" -filter_complex \
        "[0]rotate=a='0.0025*n':ow=1280:oh=720:bilinear=1,format=gray[a];\
         [1]crop=1280:720:'150+2.3*n':'200-0.9*n',format=gray[b];\
         [a][b]blend=all_mode=screen,format=gray" \
        -frames:v "$frames" "$1/clouds_%04d.png"
}

extract_video() {  # $1 = video, $2 = folder
    mkdir -p "$2"
    ff -i "$1" -frames:v "$frames" "$2/frame_%04d.png"
}

# Splits a folder of frames into keep/ (even) and truth/ (odd), renumbered from 0.
split_frames() {  # $1 = source folder, $2 = dataset folder
    mkdir -p "$2/keep" "$2/truth"
    local i=0 k=0 t=0 f
    while IFS= read -r f; do
        if (( i % 2 == 0 )); then cp "$f" "$2/keep/$(printf %06d $k).png"; k=$((k + 1))
        else cp "$f" "$2/truth/$(printf %06d $t).png"; t=$((t + 1)); fi
        i=$((i + 1))
    done < <(find "$1" -maxdepth 1 -type f \( -iname '*.png' -o -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.tif' -o -iname '*.tiff' -o -iname '*.bmp' \) | sort -V)
    # An even count would end on a dropped frame with nothing after it.
    if (( i % 2 == 0 )); then rm -f "$2/truth/$(printf %06d $((t - 1))).png"; fi
}

# Copies the odd output frames (the rebuilt ones) of $1 to $2 as 000000.png … so they line up with truth/.
odd_frames() {
    mkdir -p "$2"
    local i=0 k=0 f
    while IFS= read -r f; do
        if (( i % 2 == 1 )); then cp "$f" "$2/$(printf %06d $k).png"; k=$((k + 1)); fi
        i=$((i + 1))
    done < <(find "$1" -maxdepth 1 -name '*.png' | sort -V)
}

# Runs a command under /usr/bin/time -v; sets wall_s, cpu_s (user + sys: steadier than wall on a shared
# machine) and rss_mb.
timed() {
    /usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || { cat "$work/stderr.txt" >&2; return 1; }
    wall_s=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$work/time.txt")
    cpu_s=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$work/time.txt")
    rss_mb=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$work/time.txt")
}

score() {  # $1 = rebuilt folder, $2 = truth folder → "psnr ssim"
    local p s
    p=$(ffmpeg -hide_banner -i "$1/%06d.png" -i "$2/%06d.png" -lavfi "[0][1]psnr" -f null - 2>&1 |
        sed -n 's/.*average:\([0-9.inf]*\).*/\1/p' | tail -1)
    s=$(ffmpeg -hide_banner -i "$1/%06d.png" -i "$2/%06d.png" -lavfi "[0][1]ssim" -f null - 2>&1 |
        sed -n 's/.*All:\([0-9.]*\).*/\1/p' | tail -1)
    echo "$p $s"
}

row() {  # label psnr ssim n → one table line; remembers the figures of the last row
    printf '%-30s %8.3f %8s %10.2f %8.2f %9s\n' "$1" "$2" "$3" "$(echo "$4 / $wall_s" | bc -l)" "$cpu_s" "$rss_mb"
}

run_dataset() {  # $1 = name, $2 = folder of frames
    local ds="$work/ds-$1" n size
    split_frames "$2" "$ds"
    n=$(find "$ds/truth" -name '*.png' | wc -l)
    size=$(ffprobe -v error -select_streams v -show_entries stream=width,height -of csv=p=0:s=x "$ds/keep/000000.png")
    printf '\n%s: %s, %d kept frames, %d frames to rebuild\n' "$1" "$size" "$((n + 1))" "$n"
    printf '%-30s %8s %8s %10s %8s %9s\n' method PSNR_dB SSIM frames/s cpu_s RSS_MB
    local m flow_psnr flow_wall flow_cpu blend_psnr
    for m in "flow fast" "flow medium" "blend"; do
        set -- $m
        rm -rf "$ds/out" "$ds/rebuilt"
        timed "$cli" interpolate "$ds/keep" --frames-out "$ds/out" --factor 2 --method "$1" \
            --quality "${2:-medium}" --memory-limit "$memlimit"
        odd_frames "$ds/out" "$ds/rebuilt"
        read -r psnr ssim < <(score "$ds/rebuilt" "$ds/truth")
        row "skyweave $m" "$psnr" "$ssim" "$n"
        if [[ $m == "flow medium" ]]; then flow_psnr=$psnr; flow_wall=$wall_s; flow_cpu=$cpu_s; fi
        if [[ $m == blend ]]; then blend_psnr=$psnr; fi
    done
    rm -rf "$ds/out" "$ds/rebuilt"
    mkdir -p "$ds/out"
    timed ffmpeg -hide_banner -loglevel error -y -framerate 1 -i "$ds/keep/%06d.png" \
        -vf "minterpolate=fps=2:mi_mode=mci:mc_mode=aobmc:me_mode=bidir:vsbmc=1" "$ds/out/%06d.png"
    odd_frames "$ds/out" "$ds/rebuilt"
    # minterpolate emits one frame past the last input; drop what has no truth.
    find "$ds/rebuilt" -name '*.png' | sort -V | tail -n +$((n + 1)) | xargs -r rm -f
    read -r psnr ssim < <(score "$ds/rebuilt" "$ds/truth")
    row "ffmpeg minterpolate mci/aobmc" "$psnr" "$ssim" "$n"
    printf 'flow medium: %+.2f dB over blend (target +3), %+.2f dB over minterpolate (target +1); ' \
        "$(echo "$flow_psnr - $blend_psnr" | bc -l)" "$(echo "$flow_psnr - $psnr" | bc -l)"
    printf 'speed %.1f× minterpolate by wall (target 5), %.1f× by CPU time\n' \
        "$(echo "$wall_s / $flow_wall" | bc -l)" "$(echo "$cpu_s / $flow_cpu" | bc -l)"
}

echo "skyweave interpolation benchmark — $(nproc) cores, memory limit $memlimit, $(date -u +%FT%TZ)"
timed "$cli" --help
echo "CLI baseline peak RSS (--help): ${rss_mb} MB"

make_clouds "$work/clouds"
run_dataset clouds "$work/clouds"

imageio=/usr/lib/python3/dist-packages/imageio/resources/images
if [[ -f $imageio/cockatoo.mp4 ]]; then
    extract_video "$imageio/cockatoo.mp4" "$work/camera"
    run_dataset camera-cockatoo "$work/camera"
    # Hand-held indoor footage, 320×240: a second, unrelated camera.
    extract_video "$imageio/realshort.mp4" "$work/camera2"
    run_dataset camera-realshort "$work/camera2"
else
    echo "no camera footage on this machine (python3-imageio's cockatoo.mp4 and realshort.mp4 are missing)"
fi

# A real deep-sky photograph (python3-skimage's Hubble Deep Field) seen by a turning, drifting 960×540 view:
# real texture (stars, galaxies, noise) under rigid but non-translational motion.
hubble=/usr/lib/python3/dist-packages/skimage/data/hubble_deep_field.jpg
if [[ -f $hubble ]]; then
    mkdir -p "$work/hubble"
    ff -loop 1 -i "$hubble" -vf "scale=1600:-2,rotate=a='0.004*n':ow=1120:oh=660:bilinear=1,crop=960:540:'60+3.1*n':'40+1.7*n'" \
        -frames:v "$frames" "$work/hubble/hubble_%04d.png"
    run_dataset hubble-pan "$work/hubble"
fi

for arg in "$@"; do
    name=$(basename "$arg")
    if [[ -d $arg ]]; then
        run_dataset "$name" "$arg"
    else
        extract_video "$arg" "$work/in-$name"
        run_dataset "$name" "$work/in-$name"
    fi
done
