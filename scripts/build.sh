#!/usr/bin/env bash
# Configures and builds mxray, its lab fixture, tests and benchmarks into build/ (Ninja).
# MXRAY_SANITIZE=1 builds with ASan/UBSan into build-sanitize/ instead.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${MXRAY_BUILD_DIR:-$repo/build}
extra=()
if [[ ${MXRAY_SANITIZE:-0} == 1 ]]; then
  build=${MXRAY_BUILD_DIR:-$repo/build-sanitize}
  # -O1 -g1: ASan's recommended optimisation, line tables for its reports, and a build that
  # fits CI's time on 2 cores (assertions stay on).
  extra+=(-DMXRAY_SANITIZE=ON -DMXRAY_BENCH=OFF "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1")
fi
# ccache, when installed, makes rebuilds and other checkouts of the same tree cheap.
if command -v ccache >/dev/null 2>&1; then
  extra+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(dirname "$repo")}
  # -g records the build directory, which ccache would then hash: another checkout of the same
  # tree (a worktree, CI's clean clone) would miss every object.
  export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-true}
fi
cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${extra[@]}" >/dev/null
ninja -C "$build" -j "${MXRAY_JOBS:-$(nproc)}"
