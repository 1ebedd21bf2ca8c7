#!/usr/bin/env bash
# bench/web_load.sh [DOMAIN]: load test of `mxray serve` (not a test): wrk with 100 concurrent
# connections for 60 s against GET /api/v1/check?domain=DOMAIN (default good.test) on the lab,
# the server started with rate limits and per-client caps too high to matter (one client here). Prints requests served, responses by
# status (429 apart from errors), latency percentiles and the server's peak memory (VmHWM).
# Env: MXRAY_BIN, MXRAY_LAB_DIR (lab run dir, default /tmp/mxray-lab), CONNECTIONS, DURATION,
# THREADS, MAX_CONCURRENT. The lab must be running (lab/lab.sh start).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${MXRAY_BIN:-$repo/build/apps/mxray}
lab=${MXRAY_LAB_DIR:-/tmp/mxray-lab}
domain=${1:-good.test}
connections=${CONNECTIONS:-100}
duration=${DURATION:-60}
threads=${THREADS:-2}
max_concurrent=${MAX_CONCURRENT:-100}
command -v wrk >/dev/null || { echo "web_load.sh: wrk not found (apt-get install wrk)" >&2; exit 1; }
[[ -f $lab/mxray.args ]] || { echo "web_load.sh: no lab at $lab (lab/lab.sh start)" >&2; exit 1; }

out=$(mktemp)
# shellcheck disable=SC2046
"$bin" serve --listen 127.0.0.1:0 $(cat "$lab/mxray.args") --rate-limit 100000000 \
  --domain-rate-limit 1000000 --max-checks-per-client "$max_concurrent" --max-connections-per-client 100000 \
  --max-concurrent "$max_concurrent" >"$out" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 100); do grep -q 'listening on' "$out" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*/' "$out" | head -1)
[[ -n $url ]] || { echo "web_load.sh: server did not start: $(cat "$out")" >&2; exit 1; }
target="${url}api/v1/check?domain=$domain"
echo "server pid $server at $url; wrk -t$threads -c$connections -d${duration}s $target"
wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 30s -s "$repo/bench/wrk_report.lua" "$target"
echo "server peak memory: $(grep VmHWM "/proc/$server/status" | awk '{print $2, $3}') (VmHWM)"
echo "server memory now:  $(grep VmRSS "/proc/$server/status" | awk '{print $2, $3}') (VmRSS)"
