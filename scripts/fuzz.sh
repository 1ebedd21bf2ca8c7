#!/usr/bin/env bash
# Runs the libFuzzer targets of tests/fuzz/ (clang 14, ASan + UBSan, build dir build-fuzz/):
#   scripts/fuzz.sh [SECONDS] [TARGET...]     (default 60 s each, every target)
# Each target runs on a scratch copy of its corpus (the committed corpus never grows), with
# tests/fuzz/dict/<target>.dict when there is one, niced, one at a time; prints execs/s,
# coverage (cov:, ft:) and crashes, and appends them to build-fuzz/fuzz-runs.tsv. Crash inputs are kept in build-fuzz/fuzz-work/<target>/artifacts/.
# Environment: FUZZ_MAX_LEN (default 4096), FUZZ_JOBS (build jobs, 2), FUZZ_NICE (19),
# FUZZ_NO_BUILD=1 (run the fuzzers already built, e.g. while another build runs).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${MXRAY_FUZZ_BUILD_DIR:-$repo/build-fuzz}
seconds=60
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then
  seconds=$1
  shift
fi
targets=("$@")
if ((${#targets[@]} == 0)); then
  for f in "$repo"/tests/fuzz/*_fuzz.cpp; do
    name=$(basename "$f" _fuzz.cpp)
    targets+=("$name")
  done
fi
for t in "${targets[@]}"; do
  if [[ ! -f $repo/tests/fuzz/${t}_fuzz.cpp ]]; then
    echo "fuzz: no target '$t' (tests/fuzz/${t}_fuzz.cpp)" >&2
    exit 2
  fi
done

cc=${CC:-clang-14}
cxx=${CXX:-clang++-14}
if ! command -v "$cxx" >/dev/null; then
  echo "fuzz: $cxx not found; install clang-14 and libclang-rt-14-dev (apt-get install clang-14 libclang-rt-14-dev)" >&2
  exit 1
fi
if [[ ! -f $build/build.ninja ]]; then
  CC=$cc CXX=$cxx cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DMXRAY_FUZZ=ON -DMXRAY_BENCH=OFF >/dev/null
fi
binaries=()
for t in "${targets[@]}"; do binaries+=("fuzz_${t}_libfuzzer"); done
if [[ ${FUZZ_NO_BUILD:-0} != 1 ]]; then
  nice -n 10 ninja -C "$build" -j "${FUZZ_JOBS:-2}" "${binaries[@]}"
fi

work=$build/fuzz-work
summary=$build/fuzz-runs.tsv
[[ -f $summary ]] || printf 'date\ttarget\tseconds\texecs\texecs_per_s\tcov\tft\tcorpus\tcrashes\n' >"$summary"
results=()
status=0
for t in "${targets[@]}"; do
  dir=$work/$t
  rm -rf "$dir/corpus"
  mkdir -p "$dir/corpus" "$dir/artifacts"
  cp "$repo/tests/fuzz/corpus/$t/"* "$dir/corpus/" 2>/dev/null || true
  before=$(find "$dir/artifacts" -type f | wc -l)
  log=$dir/last.log
  echo "fuzz: $t for ${seconds}s (log: $log)"
  dict=()
  [[ -f $repo/tests/fuzz/dict/$t.dict ]] && dict=(-dict="$repo/tests/fuzz/dict/$t.dict")
  set +e
  nice -n "${FUZZ_NICE:-19}" "$build/tests/fuzz/fuzz_${t}_libfuzzer" "$dir/corpus" \
    -max_total_time="$seconds" -max_len="${FUZZ_MAX_LEN:-4096}" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$dir/artifacts/" "${dict[@]}" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+.* cov: ' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
  crashes=$(($(find "$dir/artifacts" -type f | wc -l) - before))
  if ((rc != 0)); then
    status=1
    echo "fuzz: $t stopped with status $rc:"
    grep -E '^(SUMMARY|==[0-9]+==ERROR)|runtime error|artifact_prefix' "$log" | head -5 || true
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$seconds" "${execs:-0}" \
    "${rate:-0}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$crashes" >>"$summary"
  results+=("$(printf '%-16s %6ss %10s execs/s  cov %-5s ft %-6s corpus %-5s crashes %s' "$t" "$seconds" \
    "${rate:-0}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$crashes")")
done
echo
echo "fuzz: summary (all runs so far: $summary)"
printf '%s\n' "${results[@]}"
exit $status
