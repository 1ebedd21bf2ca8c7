#!/usr/bin/env bash
# Runs the benchmarks against the lab: builds, starts the lab if it is not running, runs.
# Results go to docs/benchmarks.md by hand, with this command and the machine.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$repo/scripts/setup.sh" >/dev/null
"$repo/scripts/build.sh" >/dev/null
build=${MXRAY_BUILD_DIR:-$repo/build}
MXRAY_FIXTURE=$build/lab/mxray-fixture "$repo/lab/lab.sh" start >/dev/null
"$build/bench/mxray_bench_check" "$@"
