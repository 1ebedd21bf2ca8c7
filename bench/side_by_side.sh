#!/usr/bin/env bash
# side_by_side.sh [DOMAIN]: checks one lab domain (default postfix.test: the real Postfix on
# 127.0.0.50 and [::1]) with mxray, then with the established tools doing the same work:
# drill (MX, A, AAAA), posttls-finger per MX address (STARTTLS, certificate, trust and name),
# swaks and nmap smtp-open-relay per address (relay test, no DATA), testssl.sh --starttls smtp
# (protocols and certificate). Prints each one's wall time, CPU time (user + system) and peak
# memory from /usr/bin/time -v, and the ratios to mxray. Needs a running lab (lab/lab.sh start)
# and scripts/setup.sh's packages. Not a test: numbers, see docs/interop.md.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
domain=${1:-postfix.test}
run=${MXRAY_LAB_DIR:-/tmp/mxray-lab}
mxray=${MXRAY_BIN:-$repo/build/apps/mxray}
with_testssl=${MXRAY_BENCH_TESTSSL:-1}
[[ -x $mxray ]] || { echo "side_by_side: no mxray at $mxray (build it, or set MXRAY_BIN)" >&2; exit 2; }
[[ -f $run/mxray.args ]] || { echo "side_by_side: no lab in $run (lab/lab.sh start)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "side_by_side: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }
read -ra lab_args <<<"$(tr '\n' ' ' <"$run/mxray.args")"
ca=$run/certs/ca.pem
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

declare -A wall cpu rss runs
order=()

# measure TOOL CMD...: runs CMD under /usr/bin/time -v, adds its numbers to TOOL's row.
measure() {
  local tool=$1 w u s m
  shift
  /usr/bin/time -v -o "$work/time" "$@" >"$work/out" 2>&1 || true
  w=$(sed -n 's/^\s*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time" |
        awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
  u=$(sed -n 's/^\s*User time (seconds): //p' "$work/time")
  s=$(sed -n 's/^\s*System time (seconds): //p' "$work/time")
  m=$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$work/time")
  if [[ -z ${runs[$tool]:-} ]]; then
    order+=("$tool"); runs[$tool]=0; wall[$tool]=0; cpu[$tool]=0; rss[$tool]=0
  fi
  runs[$tool]=$((runs[$tool] + 1))
  wall[$tool]=$(awk -v a="${wall[$tool]}" -v b="$w" 'BEGIN { print a + b }')
  cpu[$tool]=$(awk -v a="${cpu[$tool]}" -v b="$u" -v c="$s" 'BEGIN { print a + b + c }')
  ((m > rss[$tool])) && rss[$tool]=$m
  cp "$work/out" "$work/last-$tool"
}

echo "side by side: $domain (lab in $run)"
measure mxray "$mxray" check --json "$domain" "${lab_args[@]}"
echo "mxray verdict: $(grep -o '"verdict": *"[a-z]*"' "$work/last-mxray" | tail -n1)"

# The same work, tool by tool. DNS first: the MX hosts and their addresses.
measure drill drill @127.0.0.1 -p 5300 "$domain" MX
# answer SECTION only (the additional section holds ns.test's address)
answers() { sed -n '/ANSWER SECTION/,/^$/p' "$work/last-drill"; }
mapfile -t hosts < <(answers | awk '$4 == "MX" { print $6 }' | sed 's/\.$//')
addrs=()
for h in "${hosts[@]}"; do
  measure drill drill @127.0.0.1 -p 5300 "$h" A
  addrs+=($(answers | awk '$4 == "A" { print $5 }'))
  measure drill drill @127.0.0.1 -p 5300 "$h" AAAA
  addrs+=($(answers | awk '$4 == "AAAA" { print $5 }'))
  for a in "${addrs[@]}"; do
    if [[ $a == *:* ]]; then bracket="[$a]" family=(-6); else bracket=$a family=(); fi
    # posttls-finger needs a main.cf: the lab writes a minimal one for client tools.
    MAIL_CONFIG=$run/mta/client measure posttls-finger \
      posttls-finger -c -l secure -F "$ca" "[$a]:25" "$h"
    echo "posttls-finger $a: $(grep -oE '(Verified|Trusted|Untrusted|Anonymous) TLS connection established' "$work/last-posttls-finger" || echo 'no TLS')"
    measure swaks swaks "${family[@]}" --server "$a" --port 25 --ehlo side-by-side.test --from mxray-probe@example.org \
      --to relay-test@elsewhere.test --quit-after RCPT --tls-optional --timeout 15
    echo "swaks $a: RCPT $(grep -A1 -- '> RCPT TO' "$work/last-swaks" | tail -n1 | sed 's/^<[^ ]* *//')"
    measure nmap nmap "${family[@]}" -n -Pn -sT -p25 --script smtp-open-relay \
      --script-args "smtp-open-relay.domain=elsewhere.test,smtp-open-relay.ip=$a" "$a"
    echo "nmap $a: $(grep -o 'smtp-open-relay: .*' "$work/last-nmap" || echo 'no verdict')"
    if [[ $with_testssl == 1 ]]; then
      measure testssl.sh testssl "${family[@]}" --starttls smtp --nodns none --quiet --color 0 --add-ca "$ca" -p -S "$bracket:25"
      echo "testssl.sh $a: $(grep -E 'Trust \(hostname\)' "$work/last-testssl.sh" | tr -s ' ' || true)"
    fi
  done
  addrs=()
done

total_w=0 total_c=0 total_m=0
echo
printf '%-16s %5s %10s %10s %12s %9s %9s %9s\n' tool runs wall_s cpu_s peak_MiB wall_x cpu_x mem_x
for t in "${order[@]}"; do
  [[ $t != mxray ]] && {
    total_w=$(awk -v a=$total_w -v b="${wall[$t]}" 'BEGIN { print a + b }')
    total_c=$(awk -v a=$total_c -v b="${cpu[$t]}" 'BEGIN { print a + b }')
    ((rss[$t] > total_m)) && total_m=${rss[$t]}
  }
  awk -v t="$t" -v n="${runs[$t]}" -v w="${wall[$t]}" -v c="${cpu[$t]}" -v m="${rss[$t]}" \
      -v W="${wall[mxray]}" -v C="${cpu[mxray]}" -v M="${rss[mxray]}" 'BEGIN {
    printf "%-16s %5d %10.3f %10.3f %12.1f %9.1f %9.1f %9.1f\n", t, n, w, c, m / 1024,
      (W > 0 ? w / W : 0), (C > 0 ? c / C : 0), (M > 0 ? m / M : 0) }'
done
awk -v w="$total_w" -v c="$total_c" -v m="$total_m" \
    -v W="${wall[mxray]}" -v C="${cpu[mxray]}" -v M="${rss[mxray]}" 'BEGIN {
  printf "%-16s %5s %10.3f %10.3f %12.1f %9.1f %9.1f %9.1f\n", "tools (sum)", "", w, c, m / 1024,
    (W > 0 ? w / W : 0), (C > 0 ? c / C : 0), (M > 0 ? m / M : 0) }'
echo "(wall and CPU: sums over the runs; peak: the largest single run; x: ratio to mxray)"
