#!/usr/bin/env bash
# rtt.sh: the cost of round trips. For 0, 20, 50 and 100 ms round-trip times (the lab's
# userspace WAN, lab/delay_proxy, in front of DNS and the good server), times a default check
# of wan.test (1 MX x 2 addresses) and wan2.test (2 MX x 2 addresses), divides by the RTT
# ("round trips per check") and sets it next to the ideal chain, and next to posttls-finger
# (STARTTLS + certificate) and swaks (EHLO, STARTTLS, MAIL, RCPT, QUIT) doing their parts of
# the same work through the same proxy, one address each. Needs a running lab (lab/lab.sh
# start); restores the lab's WAN delay afterwards. Not a test: numbers, see docs/benchmarks.md.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
run=${MXRAY_LAB_DIR:-/tmp/mxray-lab}
mxray=${MXRAY_BIN:-$repo/build/apps/mxray}
repeat=${MXRAY_RTT_REPEAT:-3}
[[ -f $run/mxray.args ]] || { echo "rtt.sh: no lab in $run (lab/lab.sh start)" >&2; exit 2; }
read -ra lab_args <<<"$(tr '\n' ' ' <"$run/mxray.args" | sed 's/127.0.0.1@5300/127.0.0.1@5301/')"
trap '"$repo/lab/lab.sh" wan 2 >/dev/null' EXIT

# best_ms CMD...: the fastest of $repeat runs, in milliseconds (the least disturbed one).
best_ms() {
  local best=999999 i start end ms
  for ((i = 0; i < repeat; i++)); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    ms=$(((end - start) / 1000000))
    ((ms < best)) && best=$ms
  done
  echo "$best"
}

# The ideal chain of a default check (docs/benchmarks.md writes it out step by step):
# DNS 3 (MX with the TXT records; the validator's DNSKEY; A/AAAA/TLSA) + SMTP 8 (connect and
# greeting 2; EHLO; MAIL+RSET+STARTTLS; TLS 1.3; EHLO; MAIL+RCPT+RSET+VRFY; EXPN) = 11.
ideal=11
declare -A wall
printf '%-8s %-10s %9s %9s %7s %12s %12s\n' rtt domain "wall ms" "RTTs" "ideal" "x ideal" "posttls/swaks"
for rtt in 0 20 50 100; do
  "$repo/lab/lab.sh" wan $((rtt / 2)) >/dev/null
  ptf=$(best_ms posttls-finger -c -l secure -P "$run/certs" "[127.0.0.90]:25")
  swk=$(best_ms swaks --server 127.0.0.90 --port 25 --tls --quit-after RCPT --from probe@lab.test --to x@wan.test)
  for domain in wan.test wan2.test; do
    ms=$(best_ms "$mxray" check "$domain" "${lab_args[@]}")
    if ((rtt > 0)); then
      trips=$(awk -v m="$ms" -v r="$rtt" 'BEGIN { printf "%.1f", m / r }')
      ratio=$(awk -v m="$ms" -v r="$rtt" -v i="$ideal" 'BEGIN { printf "%.2f", m / (r * i) }')
    else
      trips=-; ratio=-
    fi
    printf '%-8s %-10s %9s %9s %7s %12s %6s/%-6s\n' "${rtt}ms" "$domain" "$ms" "$trips" "$ideal" "$ratio" "$ptf" "$swk"
    wall["$rtt $domain"]=$ms
  done
done
# The slope between 50 and 100 ms: round trips the check pays, without its constant CPU time.
for domain in wan.test wan2.test; do
  awk -v a="${wall["50 $domain"]}" -v b="${wall["100 $domain"]}" -v d="$domain" -v i="$ideal" \
    'BEGIN { s = (b - a) / 50; printf "%s: %.1f round trips per check (slope 50->100 ms), %.2f x the ideal %d\n", d, s, s / i, i }'
done
