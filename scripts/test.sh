#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every test (unit and
# integration against the lab, which CTest starts and stops) through CTest; then the same
# unit, integration and web suites again in an AddressSanitizer + UndefinedBehaviorSanitizer
# build (build-sanitize/). MXRAY_SANITIZE_PASS=0 skips the second pass (a quick local run).
# Both passes run two tests at a time (MXRAY_TEST_JOBS); the lab's tests share one lab.
# Extra arguments go to both ctest runs (e.g. -R Hostile).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
started=$SECONDS
"$repo/scripts/setup.sh"
"$repo/scripts/build.sh"
status=0
jobs=${MXRAY_TEST_JOBS:-2}
(cd "${MXRAY_BUILD_DIR:-$repo/build}" && ctest --output-on-failure --timeout 300 -j "$jobs" "$@") || status=$?
echo "== first pass done: $((SECONDS - started)) s since the start"

if [[ ${MXRAY_SANITIZE_PASS:-1} == 1 ]]; then
  echo "== sanitizer pass (ASan + UBSan): build-sanitize/"
  MXRAY_SANITIZE=1 MXRAY_BUILD_DIR=$repo/build-sanitize "$repo/scripts/build.sh"
  # Any sanitizer report fails the test that triggered it. The browser test and the interop
  # comparison with other tools test no mxray code that the other suites do not; the package
  # tests check the packaging, which the first pass did.
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
  (cd "$repo/build-sanitize" && ctest --output-on-failure --timeout 600 -j "$jobs" -E '^(browser|interop|package)\.' "$@") || status=$?
  echo "== sanitizer pass done: $((SECONDS - started)) s since the start"
fi
exit $status
