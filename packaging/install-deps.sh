#!/usr/bin/env bash
# Installs the Debian 12 packages Skyweave needs to build, test and run. Idempotent: does
# nothing when every package is already installed. Runs apt-get as root, or through sudo.
#   bash packaging/install-deps.sh          build + test + run
#   bash packaging/install-deps.sh --bench  also the peer tools the benchmarks compare against
#   bash packaging/install-deps.sh --lint   also lintian, to check the .deb
set -euo pipefail

packages=(
  # build
  cmake ninja-build pkg-config g++ file
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-l10n-tools
  libqt6opengl6-dev libxkbcommon-dev libgl-dev
  libopencv-dev libopencv-contrib-dev
  libcfitsio-dev wcslib-dev
  libavcodec-dev libavformat-dev libavutil-dev libswscale-dev zlib1g-dev
  libgtest-dev libgmock-dev
  # sanitizer and fuzz builds (asan, tsan presets): clang with its sanitizer and libFuzzer runtimes
  clang-14 libclang-rt-14-dev
  # packaging: man pages from --help, PNG icons from the SVG, the .deb's dependencies (dpkg-shlibdeps)
  help2man librsvg2-bin dpkg-dev
  # run: the SVG icon engine and the offscreen/X11 platform plugins
  qt6-image-formats-plugins libqt6svg6 qt6-qpa-plugins
  # test: FITS and video checks of what Skyweave writes, desktop-file and AppStream validation
  ffmpeg fitsverify python3-astropy python3-numpy desktop-file-utils appstream
)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(python3-ccdproc siril time)
fi
if [[ "${1:-}" == "--lint" ]]; then
  packages+=(lintian)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed; then
    missing+=("$p")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages are installed."
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-deps: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
