#!/usr/bin/env bash
# scan.sh: mxray scan at scale on the lab. Restarts the lab with MXRAY_LAB_SCAN_BENCH domains
# (default 10000, b00000.scan.test ...) over 100 shared MX addresses (127.0.1.0-.99, one fixture
# listener), scans them all, and reports domains/s, the probes made against the naive count
# (one per domain and address, what a loop of `mxray check` makes) and the peak RSS. Takes the
# lab lock (/tmp/mxray-lab.lock) and stops the lab at the end, as ctest does. Not a test:
# numbers, see docs/benchmarks.md. Env: MXRAY_SCAN_CONCURRENCY (256), MXRAY_SCAN_RATE (2).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
run=${MXRAY_LAB_DIR:-/tmp/mxray-lab}
mxray=${MXRAY_BIN:-$repo/build/apps/mxray}
count=${MXRAY_LAB_SCAN_BENCH:-10000}
concurrency=${MXRAY_SCAN_CONCURRENCY:-256}
rate=${MXRAY_SCAN_RATE:-2}
work=$(mktemp -d /tmp/mxray-scan-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

exec 8>/tmp/mxray-lab.lock
flock 8
MXRAY_LAB_SCAN_BENCH=$count "$repo/lab/lab.sh" start >"$work/lab.out" 2>&1 || { cat "$work/lab.out"; exit 1; }
trap '"$repo/lab/lab.sh" stop >/dev/null 2>&1; rm -rf "$work"' EXIT
read -ra lab_args <<<"$(tr '\n' ' ' <"$run/mxray.args")"

for ((i = 0; i < count; i++)); do printf 'b%05d.scan.test\n' "$i"; done >"$work/domains.txt"
/usr/bin/time -f '%M %e %U %S' -o "$work/time" "$mxray" scan "$work/domains.txt" -o "$work/out.jsonl" \
  --summary-csv "$work/summary.csv" --progress none --concurrency "$concurrency" \
  --connections-per-second "$rate" "${lab_args[@]}" 2>"$work/err" || { cat "$work/err"; exit 1; }

read -r rss_kb seconds user sys <"$work/time"
probes=$(tail -1 "$work/summary.csv" | cut -d, -f10)
lines=$(wc -l <"$work/out.jsonl")
naive=$(jq -s '[.[] | .mx[].addresses | length] | add' "$work/out.jsonl")
bad=$(jq -s '[.[] | select(.verdict != "pass")] | length' "$work/out.jsonl")
cores=$(nproc)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
echo "machine: $cpu, $cores cores; mxray $("$mxray" --version | head -1)"
echo "command: mxray scan domains.txt --concurrency $concurrency --connections-per-second $rate (lab, $count domains, 100 addresses)"
awk -v u="$user" -v y="$sys" -v n="$lines" -v s="$seconds" -v p="$probes" -v nv="$naive" -v r="$rss_kb" -v bad="$bad" 'BEGIN {
  printf "domains: %d in %.1f s = %.0f domains/s (%d not pass)\n", n, s, n / s, bad
  printf "probes: %d made, %d naive (one per domain and address): %.0fx fewer\n", p, nv, nv / p
  printf "mxray CPU: %.1f s user + %.1f s system = %.0f domains per CPU second\n", u, y, n / (u + y)
  printf "peak RSS: %.1f MiB\n", r / 1024
}'
cat "$work/err"
