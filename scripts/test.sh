#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every test (unit and
# integration against the lab, which CTest starts and stops) through CTest.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$repo/scripts/setup.sh"
"$repo/scripts/build.sh"
cd "${MXRAY_BUILD_DIR:-$repo/build}"
ctest --output-on-failure --timeout 300 "$@"
