#!/usr/bin/env bash
# lab-check.sh: checks a running lab (lab/lab.sh start) from the outside with drill, openssl
# s_client and bash /dev/tcp: signed and insecure DNS, each certificate scenario, relay
# answers and the misbehaving servers. Prints one line per check and "N passed, N failed".
set -uo pipefail

run=${MXRAY_LAB_DIR:-/tmp/mxray-lab}
ca=$run/certs/ca.pem
passed=0
failed=0

check() {  # check NAME COMMAND...: passes when COMMAND succeeds
  local name=$1
  shift
  if "$@" >/dev/null 2>&1; then
    passed=$((passed + 1)); echo "ok   $name"
  else
    failed=$((failed + 1)); echo "FAIL $name"
  fi
}

dig_() { drill @127.0.0.1 -p 5300 "$@" 2>/dev/null; }
has() { grep -qE -- "$1"; }

# smtp ADDR COMMAND...: sends the commands (pipelined) and prints what the server says.
smtp() {
  local addr=$1
  shift
  timeout 5 bash -c '
    exec 3<>"/dev/tcp/$1/25" || exit 1
    shift
    for c in "$@"; do printf "%s\r\n" "$c" >&3; done
    timeout 3 cat <&3' _ "$addr" "$@"
}

# tls ADDR NAME [s_client options]: STARTTLS with verification against the lab CA.
tls() {
  local addr=$1 name=$2
  shift 2
  printf 'EHLO lab-check.test\r\nQUIT\r\n' | timeout 10 openssl s_client -starttls smtp \
    -connect "$addr:25" -servername "$name" -CAfile "$ca" -verify_hostname "$name" \
    -verify_return_error "$@" 2>&1
}

[[ -f $run/fixture.pid && -f $run/nsd.pid ]] || { echo "lab not running in $run"; exit 1; }

# DNS
check "dns: good.test MX signed" bash -c 'drill @127.0.0.1 -p 5300 -D good.test MX | grep -q "RRSIG.*MX 13"'
check "dns: unsigned.insecure.test MX unsigned" bash -c \
  'out=$(drill @127.0.0.1 -p 5300 -D unsigned.insecure.test MX); grep -q "MX.*10 mx1.good.test" <<<"$out" && ! grep -q RRSIG <<<"$out"'
check "dns: insecure.test has no DS (NSEC proof)" bash -c \
  'drill @127.0.0.1 -p 5300 -D insecure.test DS | grep -q "NSEC.*NS RRSIG NSEC"'
check "dns: nullmx.test MX 0 ." bash -c 'drill @127.0.0.1 -p 5300 nullmx.test MX | grep -qP "MX\t0 \.$"'
check "dns: implicit.test has A and no MX" bash -c \
  'drill @127.0.0.1 -p 5300 implicit.test MX | grep -q "ANSWER: 0" && drill @127.0.0.1 -p 5300 implicit.test A | grep -q 127.0.0.20'
check "dns: mx.postfix.test AAAA ::1" bash -c 'drill @127.0.0.1 -p 5300 mx.postfix.test AAAA | grep -q "AAAA.*::1"'
check "dns: trust anchor is the KSK" grep -q "DNSKEY.*257 3 13" "$run/trust-anchor.key"

# TLS: valid chains
for pair in 127.0.0.10:mx1.good.test 127.0.0.19:mx.multiline.test 127.0.0.20:implicit.test \
            127.0.0.21:mx2.backup.test 127.0.0.15:mx.openrelay.test 127.0.0.30:mx1.twomx.test \
            127.0.0.33:mx2.twomx.test 127.0.0.35:mx.expiring.test; do
  check "tls: ${pair#*:} verifies" bash -c "$(declare -f tls); ca=$ca; tls ${pair%%:*} ${pair#*:} | grep -q 'Verify return code: 0 (ok)'"
done
check "tls: slow banner, then verifies" bash -c "$(declare -f tls); ca=$ca; tls 127.0.0.24 mx.slow.test | grep -q 'Verify return code: 0 (ok)'"
# TLS: failures for the right reason
for item in "127.0.0.12:mx.expired.test:certificate has expired" \
            "127.0.0.13:mx.mismatch.test:hostname mismatch" \
            "127.0.0.14:mx.selfsigned.test:self-signed certificate" \
            "127.0.0.27:mx.nochain.test:unable to get local issuer certificate" \
            "127.0.0.34:mx.notyet.test:certificate is not yet valid"; do
  IFS=: read -r addr name reason <<<"$item"
  check "tls: $name fails: $reason" bash -c "$(declare -f tls); ca=$ca; tls $addr $name | grep -q '$reason'"
done
check "tls: oldtls speaks TLS 1.0 at SECLEVEL=0" bash -c "$(declare -f tls); ca=$ca; tls 127.0.0.26 mx.oldtls.test -tls1 -cipher DEFAULT@SECLEVEL=0 | grep -q 'Protocol  *: TLSv1$'"
check "tls: oldtls refuses TLS 1.2" bash -c "$(declare -f tls); ca=$ca; tls 127.0.0.26 mx.oldtls.test -tls1_2 | grep -q 'unsupported protocol'"
check "tls: brokentls is not TLS" bash -c "$(declare -f tls); ca=$ca; tls 127.0.0.25 mx.brokentls.test | grep -q 'wrong version number\|record layer failure\|packet length too long'"
check "tls: no STARTTLS after TLS" bash -c "$(declare -f tls); ca=$ca; ! tls 127.0.0.10 mx1.good.test | grep -q '^250-STARTTLS'"

# SMTP
relay=(EHLO\ lab-check.test "MAIL FROM:<probe@lab-check.test>" "RCPT TO:<probe@elsewhere.test>"
       "RCPT TO:<postmaster@good.test>" DATA RSET QUIT)
out=$(smtp 127.0.0.10 "${relay[@]}")
check "smtp: good banner" has '^220 mx1.good.test ESMTP ready' <<<"$out"
check "smtp: good advertises STARTTLS" has '^250-STARTTLS' <<<"$out"
check "smtp: good denies relay" has '^554 5.7.1 <probe@elsewhere.test>: Relay access denied' <<<"$out"
check "smtp: good accepts its own domain" has '^250 2.1.5 Ok' <<<"$out"
check "smtp: DATA refused" has '^554 5.5.1 Error: no valid recipients' <<<"$out"
check "smtp: DATA logged" grep -q 'C: DATA' "$run/logs/good.log"
out=$(smtp 127.0.0.15 EHLO\ x "MAIL FROM:<probe@lab-check.test>" "RCPT TO:<probe@elsewhere.test>" QUIT)
check "smtp: openrelay accepts relay" has '^250 2.1.5 Ok' <<<"$out"
check "smtp: ::1 answers (real Postfix)" has '^220 mx.postfix.test' <<<"$(smtp ::1 QUIT)"
check "smtp: nostarttls has no STARTTLS" bash -c '! grep -q STARTTLS <<<"$1" && grep -q "^250 ENH" <<<"$1"' _ "$(smtp 127.0.0.11 EHLO\ x QUIT)"
out=$(smtp 127.0.0.28 EHLO\ x HELO\ x QUIT)
check "smtp: noehlo refuses EHLO, takes HELO" bash -c 'grep -q "^502 5.5.2" <<<"$1" && grep -q "^250 mx.noehlo.test" <<<"$1"' _ "$out"
check "smtp: busy says 421" has '^421 4.3.2 mx.busy.test' <<<"$(smtp 127.0.0.18 EHLO\ x)"
check "smtp: dropped closes after banner" bash -c '[[ $(wc -l <<<"$1") == 1 ]] && grep -q "^220 mx.dropped.test" <<<"$1"' _ "$(smtp 127.0.0.29 EHLO\ x)"
check "smtp: multiline banner" bash -c '[[ $(grep -c "^220[- ]" <<<"$1") == 3 ]]' _ "$(smtp 127.0.0.19 QUIT)"
check "smtp: closed.test refuses" bash -c '! (exec 3<>/dev/tcp/127.0.0.16/25)'
check "smtp: silent sends nothing" bash -c '[[ $(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.17/25; cat <&3" | wc -c) == 0 ]]'
check "smtp: garbage sends ~200 binary bytes" bash -c \
  'f=$(mktemp); timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.22/25; cat <&3" >"$f"; n=$(wc -c <"$f"); z=$(tr -cd "\000" <"$f" | wc -c); nl=$(tr -cd "\r\n" <"$f" | wc -c); rm -f "$f"; ((n == 200 && z >= 1 && nl == 0))'
check "smtp: hugeline sends >1 MB without CRLF" bash -c \
  '[[ $(timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.23/25; head -c 2000000 <&3" | tr -cd "\r\n" | wc -c) == 0 ]] && (( $(timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.23/25; head -c 2000000 <&3" | wc -c) == 2000000 ))'
check "smtp: endless sends only 220- lines" bash -c \
  '[[ $(timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.36/25; head -n 100000 <&3" | sort -u) == "220-x"$'"'"'\r'"'"' ]]'

echo "$passed passed, $failed failed"
((failed == 0))
