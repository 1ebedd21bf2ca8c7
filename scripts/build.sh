#!/usr/bin/env bash
# Configures and builds mxray, its lab fixture, tests and benchmarks into build/ (Ninja).
# MXRAY_SANITIZE=1 builds with ASan/UBSan into build-sanitize/ instead.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${MXRAY_BUILD_DIR:-$repo/build}
extra=()
if [[ ${MXRAY_SANITIZE:-0} == 1 ]]; then
  build=${MXRAY_BUILD_DIR:-$repo/build-sanitize}
  extra+=(-DMXRAY_SANITIZE=ON)
fi
cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${extra[@]}" >/dev/null
ninja -C "$build" -j "${MXRAY_JOBS:-$(nproc)}"
