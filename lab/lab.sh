#!/usr/bin/env bash
# lab.sh start|stop|status: the mxray lab on this machine. start makes certificates, signs
# the zones (with TLSA records computed from the certificates), starts NSD (127.0.0.1 port
# 5300), mxray-fixture (127.0.0.10-.43, .60 and the scan servers .100-.103:25; submission on
# .216-.221:465/587),
# mxray-sts-server (MTA-STS policies, 127.0.0.70-.82:443) and the real MTAs of lab/mta/mta.sh
# (Postfix, Exim, OpenSMTPD on 127.0.0.50-.54:25 and [::1]:25; Postfix also on 465 and 587 of
# 127.0.0.50 and ::1; the front ends postscreen, postgrey and Exim with limits on
# 127.0.0.200-.204, the fixture's provider texts, tarpit and one-session server on .206-.212)
# in the background and waits until all answer; stop kills
# them by PID. See lab/README.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
run=${MXRAY_LAB_DIR:-/tmp/mxray-lab}
[[ $run == /* ]] || run=$PWD/$run
run=${run%/}
fixture=${MXRAY_FIXTURE:-$repo/build/lab/mxray-fixture}
sts_server=${MXRAY_STS_SERVER:-$(dirname "$fixture")/mxray-sts-server}
delay_proxy=${MXRAY_DELAY_PROXY:-$(dirname "$fixture")/mxray-delay-proxy}
# One-way delay of the lab's WAN (lab/delay_proxy): DNS on 127.0.0.1@5301, SMTP on .90-.95.
wan_delay_ms=${MXRAY_LAB_WAN_DELAY_MS:-2}
# bench/scan.sh: this many more domains b00000.scan.test ... over 100 addresses 127.0.1.0-.99
# (one fixture listener, scan-bench); 0: none (the default: the tests' lab stays small).
scan_bench=${MXRAY_LAB_SCAN_BENCH:-0}
dns_port=5300
start_timeout=20

say() { echo "lab.sh: $*"; }
die() { echo "lab.sh: error: $*" >&2; exit 1; }

# running PID: the process exists and is not a zombie (PID 1 may reap orphans late).
running() {
  local pid=$1 state
  [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/stat ]] || return 1
  state=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [[ -n $state && $state != Z ]]
}

# alive PID: running, and one of ours, not a recycled PID: both servers are started with
# paths inside the run dir on their command line.
alive() {
  local cmdline
  running "$1" || return 1
  cmdline=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
  [[ $cmdline == *"$run/"* ]]
}

# descendants PID: every process below PID (NSD forks a main server and xfrd).
descendants() {
  local child
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null || true); do
    echo "$child"
    descendants "$child"
  done
}

# stop_one NAME: TERM the PID in <run>/NAME.pid (and wait for its children), then KILL.
stop_one() {
  local name=$1 pidfile=$run/$1.pid pid kids child i
  [[ -f $pidfile ]] || return 0
  pid=$(cat "$pidfile")
  if alive "$pid"; then
    kids=$(descendants "$pid")
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      alive "$pid" || break
      sleep 0.1
    done
    if alive "$pid"; then
      say "$name (pid $pid) ignored TERM, sending KILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    for child in $kids; do
      for ((i = 0; i < 50; i++)); do
        [[ -d /proc/$child ]] && [[ $(cut -d' ' -f3 "/proc/$child/stat" 2>/dev/null) != Z ]] || break
        sleep 0.1
      done
      [[ -d /proc/$child ]] && kill -KILL "$child" 2>/dev/null || true
    done
    say "stopped $name (pid $pid)"
  fi
  rm -f "$pidfile"
}

cmd_stop() {
  [[ -d $run ]] && "$here/mta/mta.sh" stop "$run"
  stop_one wan
  stop_one sts
  stop_one fixture
  stop_one nsd
}

check_prerequisites() {
  local tool
  for tool in nsd nsd-checkconf drill ldns-keygen ldns-signzone openssl sed postfix unshare; do
    command -v "$tool" >/dev/null || die "$tool not found (scripts/setup.sh installs it)"
  done
  [[ -x $fixture ]] || die "fixture binary not found at $fixture: build the mxray-fixture target \
(cmake --build build --target mxray-fixture) or set MXRAY_FIXTURE"
  [[ -x $delay_proxy ]] || die "delay proxy binary not found at $delay_proxy: build the mxray-delay-proxy target \
or set MXRAY_DELAY_PROXY"
  [[ -x $sts_server ]] || die "MTA-STS server binary not found at $sts_server: build the mxray-sts-server \
target or set MXRAY_STS_SERVER"
  if ! grep -q '^00000000000000000000000000000001 ' /proc/net/if_inet6 2>/dev/null; then
    die "::1 is not configured on lo (see 'ip -6 addr show lo'); the lab needs IPv6 loopback: \
enable it with 'sysctl -w net.ipv6.conf.lo.disable_ipv6=0' or 'ip -6 addr add ::1/128 dev lo'"
  fi
}

# tlsa_data CERT SELECTOR MATCHING: the TLSA association data (RFC 6698 2.1) of the first
# certificate in CERT, in hex.
tlsa_data() {
  local cert=$1 selector=$2 matching=$3
  {
    if ((selector == 0)); then
      openssl x509 -in "$cert" -outform DER
    else
      openssl x509 -in "$cert" -noout -pubkey | openssl pkey -pubin -outform DER
    fi
  } | case $matching in
    0) od -An -v -tx1 | tr -d ' \n' ;;
    1) sha256sum | cut -d' ' -f1 ;;
    2) sha512sum | cut -d' ' -f1 ;;
  esac
}

# make_tlsa ZONES: appends the DANE lab's TLSA records (see the zone files' comments).
make_tlsa() {
  local zones=$1 certs=$run/certs u s m cert
  {
    echo "; TLSA records generated by lab.sh from $certs"
    for u in 3 2; do
      for s in 0 1; do
        for m in 0 1 2; do
          if ((u == 3)); then cert=$certs/dane.pem; else cert=$certs/intermediate.pem; fi
          echo "_25._tcp.c$u$s$m.dane TLSA $u $s $m $(tlsa_data "$cert" "$s" "$m")"
        done
      done
    done
    echo "_25._tcp.mismatch.dane TLSA 3 1 1 $(openssl rand -hex 32)"
    echo "_25._tcp.usage01.dane TLSA 0 1 1 $(tlsa_data "$certs/intermediate.pem" 1 1)"
    echo "_25._tcp.usage01.dane TLSA 1 1 1 $(tlsa_data "$certs/dane.pem" 1 1)"
    echo "_25._tcp.rollover.dane TLSA 3 1 1 $(tlsa_data "$certs/dane.pem" 1 1)"
    echo "_25._tcp.rollover.dane TLSA 3 1 1 $(openssl rand -hex 32)"
    echo "_25._tcp.taname.dane TLSA 2 0 1 $(tlsa_data "$certs/intermediate.pem" 0 1)"
    echo "_25._tcp.expired.dane TLSA 3 1 1 $(tlsa_data "$certs/expired.pem" 1 1)"
    echo "_465._tcp.dane465.submit TLSA 3 1 1 $(tlsa_data "$certs/submit.pem" 1 1)"
    echo "_587._tcp.dane587.submit TLSA 3 1 1 $(openssl rand -hex 32)"
  } >>"$zones/test.zone"
  echo "_25._tcp.mx TLSA 3 1 1 $(tlsa_data "$certs/dane.pem" 1 1)" >>"$zones/insecure.test.zone"
  echo "_25 TLSA 3 1 1 $(tlsa_data "$certs/dane.pem" 1 1)" >>"$zones/bogus.zone"
}

# The bogus child zone: its own key (DS in test.), signatures that expired in 2020.
sign_bogus_zone() {
  local keys=$1 zones=$2 key
  key=$(cd "$keys" && ldns-keygen -a ECDSAP256SHA256 -k _tcp.bogus.dane.test.)
  ldns-signzone -i 20200101000000 -e 20200201000000 -f "$zones/bogus.zone.signed" \
    "$zones/bogus.zone" "$keys/$key"
  cat "$keys/$key.ds" >>"$zones/test.zone"
}

# make_scan_domains ZONE: appends d000.scan.test .. d299.scan.test, the scan test's domains;
# domain i takes its MX set from i mod 6, so every server is shared by 50 to 150 domains.
make_scan_domains() {
  local zone=$1 i
  local -a sets=("10 mx-a.scan.test." "10 in-a.scan.test." "10 mx-b.scan.test." "10 mx-c.scan.test."
                 "10 mx-d.scan.test.|20 mx-a.scan.test." "10 in-b.scan.test.|20 mx-c.scan.test.")
  for ((i = 0; i < 300; i++)); do
    local name set mx
    printf -v name 'd%03d.scan' "$i"
    IFS='|' read -ra set <<<"${sets[i % 6]}"
    for mx in "${set[@]}"; do echo "$name MX $mx"; done
  done >>"$zone"
}

# make_bench_domains ZONE COUNT: bench/scan.sh's domains, domain i on bmx(i mod 100).scan.test,
# every seventh one with a second MX; and the fixture listener on the 100 addresses.
make_bench_domains() {
  local zone=$1 count=$2 i
  for ((i = 0; i < 100; i++)); do echo "bmx$i.scan A 127.0.1.$i"; done >>"$zone"
  for ((i = 0; i < count; i++)); do
    printf 'b%05d.scan MX 10 bmx%d.scan.test.\n' "$i" $((i % 100))
    if ((i % 7 == 0)); then printf 'b%05d.scan MX 20 bmx%d.scan.test.\n' "$i" $(((i + 50) % 100)); fi
  done >>"$zone"
  # Their reverse DNS, forward-confirmed (a PTR lookup that NSD refused would stall the resolver).
  {
    printf '$ORIGIN 1.0.127.in-addr.arpa.\n$TTL 300\n@ SOA ns.test. hostmaster.test. 1 3600 600 86400 300\n@ NS ns.test.\n'
    for ((i = 0; i < 100; i++)); do echo "$i PTR bmx$i.scan.test."; done
  } >"$(dirname "$zone")/reverse-bench.zone"
  local listen="" sep=""
  for ((i = 0; i < 100; i++)); do listen+="$sep\"127.0.1.$i:25\""; sep=", "; done
  cat >"$run/bench.json" <<JSON
{"listeners": [{"name": "scan-bench", "listen": [$listen], "greeting": ["220 bmx.scan.test ESMTP ready"],
  "ehlo_name": "bmx.scan.test", "extensions": ["PIPELINING", "SIZE 10240000", "STARTTLS", "8BITMIME", "ENHANCEDSTATUSCODES"],
  "tls": {"cert": "scan.pem", "key": "scan.key", "min_version": "TLSv1.2", "max_version": "TLSv1.3", "seclevel0": false},
  "relay": "deny", "local_domains": ["scan.test"]}]}
JSON
}

make_zones() {
  local keys=$run/keys zones=$run/zones serial ksk zsk inception expiration
  rm -rf "$keys" "$zones"
  mkdir -p "$keys" "$zones"
  serial=$(date -u +%s)
  sed "s/@SERIAL@/$serial/" "$here/zones/test.zone.in" >"$zones/test.zone"
  cat "$here/zones/hostile.zone.in" "$here/zones/wan.zone.in" "$here/zones/frontends.zone.in" \
    "$here/zones/scan.zone.in" >>"$zones/test.zone"
  make_scan_domains "$zones/test.zone"
  rm -f "$run/bench.json"
  if ((scan_bench > 0)); then make_bench_domains "$zones/test.zone" "$scan_bench"; fi
  sed "s/@SERIAL@/$serial/" "$here/zones/insecure.test.zone.in" >"$zones/insecure.test.zone"
  sed "s/@SERIAL@/$serial/" "$here/zones/bogus.zone.in" >"$zones/bogus.zone"
  make_tlsa "$zones"
  sign_bogus_zone "$keys" "$zones"
  # Reverse DNS of the lab's addresses (unsigned): PTR and forward-confirmation checks.
  sed "s/@SERIAL@/$serial/" "$here/zones/reverse-v4.zone.in" >"$zones/reverse-v4.zone"
  sed "s/@SERIAL@/$serial/" "$here/zones/reverse-v6.zone.in" >"$zones/reverse-v6.zone"
  ksk=$(cd "$keys" && ldns-keygen -a ECDSAP256SHA256 -k test.)
  zsk=$(cd "$keys" && ldns-keygen -a ECDSAP256SHA256 test.)
  inception=$(date -u -d '-1 day' +%Y%m%d%H%M%S)
  expiration=$(date -u -d '+30 days' +%Y%m%d%H%M%S)
  ldns-signzone -i "$inception" -e "$expiration" -f "$zones/test.zone.signed" \
    "$zones/test.zone" "$keys/$ksk" "$keys/$zsk"
  # Trust anchor for libunbound (ub_ctx_add_ta_file): the KSK's DNSKEY in zone-file format.
  cp "$keys/$ksk.key" "$run/trust-anchor.key"
  cp "$keys/$ksk.ds" "$run/trust-anchor.ds"
}

write_nsd_conf() {
  mkdir -p "$run/nsd"
  cat >"$run/nsd/nsd.conf" <<CONF
# Generated by lab/lab.sh: NSD for the mxray lab, loopback only.
server:
    ip-address: 127.0.0.1@$dns_port
    port: $dns_port
    do-ip6: no
    server-count: 1
    username: ""
    chroot: ""
    zonesdir: "$run/zones"
    database: ""
    zonelistfile: "$run/nsd/zone.list"
    xfrdfile: "$run/nsd/xfrd.state"
    xfrdir: "$run/nsd"
    pidfile: "$run/nsd/nsd-daemon.pid"
    logfile: "$run/logs/nsd.log"
    verbosity: 1
    hide-version: yes
    hide-identity: yes
    reuseport: no

remote-control:
    control-enable: no

zone:
    name: "test."
    zonefile: "test.zone.signed"

zone:
    name: "insecure.test."
    zonefile: "insecure.test.zone"

zone:
    name: "_tcp.bogus.dane.test."
    zonefile: "bogus.zone.signed"

zone:
    name: "0.0.127.in-addr.arpa."
    zonefile: "reverse-v4.zone"

zone:
    name: "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa."
    zonefile: "reverse-v6.zone"
CONF
  if [[ -f $run/zones/reverse-bench.zone ]]; then
    printf '\nzone:\n    name: "1.0.127.in-addr.arpa."\n    zonefile: "reverse-bench.zone"\n' >>"$run/nsd/nsd.conf"
  fi
  nsd-checkconf "$run/nsd/nsd.conf" || die "nsd-checkconf rejected $run/nsd/nsd.conf"
}

nsd_ready() {
  drill @127.0.0.1 -p "$dns_port" good.test MX 2>/dev/null | grep -q 'rcode: NOERROR'
}

fail_start() {
  echo "lab.sh: error: $1" >&2
  local log
  for log in "$run/logs/nsd.log" "$run/logs/nsd.out" "$run/logs/fixture.out" "$run/logs/sts.out" "$run/logs/wan.out"; do
    [[ -s $log ]] && { echo "---- $log" >&2; tail -n 30 "$log" >&2; }
  done
  cmd_stop >&2
  exit 1
}

# start_wan: the WAN, DNS and the good server behind mxray-delay-proxy with a one-way delay of
# $wan_delay_ms; the proxy counts the client's turns per connection in wan-stats.txt.
start_wan() {
  local last args
  : >"$run/wan-stats.txt"
  args=(--delay-ms "$wan_delay_ms" --stats "$run/wan-stats.txt" --udp "127.0.0.1:5301=127.0.0.1:$dns_port"
        --tcp "127.0.0.1:5301=127.0.0.1:$dns_port")
  for last in 90 91 92 93 94 95; do args+=(--tcp "127.0.0.$last:25=127.0.0.10:25"); done
  setsid "$delay_proxy" "${args[@]}" </dev/null >>"$run/logs/wan.out" 2>&1 9>&- &
  echo $! >"$run/wan.pid"
}

# cmd_wan MS: restarts only the WAN proxy with a one-way delay of MS milliseconds.
cmd_wan() {
  [[ ${1:-} =~ ^[0-9]+$ ]] || die "usage: lab.sh wan ONE_WAY_DELAY_MS"
  [[ -f $run/fixture.pid ]] || die "the lab is not running in $run"
  delay_proxy=$(cd "$(dirname "$delay_proxy")" && pwd)/$(basename "$delay_proxy")
  stop_one wan
  wan_delay_ms=$1
  start_wan
  local i
  for ((i = 0; i < 50; i++)); do
    grep -q 'ready' "$run/logs/wan.out" 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.90/25) 2>/dev/null && return 0
    sleep 0.1
  done
  die "mxray-delay-proxy did not start"
}

cmd_start() {
  check_prerequisites
  fixture=$(cd "$(dirname "$fixture")" && pwd)/$(basename "$fixture")
  sts_server=$(cd "$(dirname "$sts_server")" && pwd)/$(basename "$sts_server")
  delay_proxy=$(cd "$(dirname "$delay_proxy")" && pwd)/$(basename "$delay_proxy")
  cmd_stop
  mkdir -p "$run/logs"
  rm -rf "$run/logs"/*
  "$here/certs.sh" "$run/certs"
  "$here/hostile-certs.sh" "$run/certs"
  make_zones
  write_nsd_conf
  cp "$here/scenarios.json" "$run/scenarios.json"
  cp "$here/hostile.json" "$run/hostile.json"
  cp "$here/frontends.json" "$run/frontends.json"
  cp "$here/sts_sites.json" "$run/sts_sites.json"

  # setsid: the servers outlive this script and the terminal; $! is their own PID.
  setsid nsd -d -c "$run/nsd/nsd.conf" </dev/null >>"$run/logs/nsd.out" 2>&1 9>&- &
  echo $! >"$run/nsd.pid"
  local bench_config=()
  [[ -f $run/bench.json ]] && bench_config=(--config "$run/bench.json")
  setsid "$fixture" --config "$run/scenarios.json" --config "$run/hostile.json" --config "$run/frontends.json" "${bench_config[@]}" --base-dir "$run/certs" \
    --log-dir "$run/logs" </dev/null >>"$run/logs/fixture.out" 2>&1 9>&- &
  echo $! >"$run/fixture.pid"
  setsid "$sts_server" "$run/sts_sites.json" "$run/certs" </dev/null >>"$run/logs/sts.out" 2>&1 9>&- &
  echo $! >"$run/sts.pid"
  start_wan

  local deadline=$((SECONDS + start_timeout)) dns=no smtp=no https=no
  while ((SECONDS < deadline)); do
    # running, not alive: for a moment after '&' the child is still setsid, not the server.
    running "$(cat "$run/nsd.pid")" || fail_start "nsd exited during start-up"
    running "$(cat "$run/fixture.pid")" || fail_start "mxray-fixture exited during start-up"
    running "$(cat "$run/sts.pid")" || fail_start "mxray-sts-server exited during start-up"
    running "$(cat "$run/wan.pid")" || fail_start "mxray-delay-proxy exited during start-up"
    [[ $https == yes ]] || { grep -q 'sites ready' "$run/logs/sts.out" 2>/dev/null && https=yes; }
    [[ $dns == yes ]] || { nsd_ready && dns=yes; }
    [[ $smtp == yes ]] || { grep -q 'addresses ready' "$run/logs/fixture.out" 2>/dev/null &&
                            (exec 3<>/dev/tcp/127.0.0.10/25) 2>/dev/null && smtp=yes; }
    [[ $dns == yes && $smtp == yes && $https == yes ]] && break
    sleep 0.2
  done
  [[ $dns == yes ]] || fail_start "NSD did not answer on 127.0.0.1@$dns_port within ${start_timeout}s"
  [[ $smtp == yes ]] || fail_start "mxray-fixture did not accept on 127.0.0.10:25 within ${start_timeout}s"
  [[ $https == yes ]] || fail_start "mxray-sts-server was not ready within ${start_timeout}s"

  # The real MTAs (lab/mta/mta.sh waits for a 220 from each address, [::1]:25 included).
  "$here/mta/mta.sh" start "$run" || fail_start "the real MTAs did not start (lab/mta/mta.sh)"

  local args="--resolver 127.0.0.1@$dns_port
--trust-anchor $run/trust-anchor.key
--ca-file $run/certs/ca.pem
--allow-private"
  echo "$args" >"$run/mxray.args"
  say "lab running in $run (nsd pid $(cat "$run/nsd.pid"), fixture pid $(cat "$run/fixture.pid"), sts pid $(cat "$run/sts.pid"))"
  say "mxray options (also in $run/mxray.args):"
  echo "  $(echo "$args" | tr '\n' ' ')"
}

cmd_status() {
  local rc=0 name pid
  echo "run dir: $run"
  for name in nsd fixture sts wan; do
    pid=$(cat "$run/$name.pid" 2>/dev/null || true)
    if [[ -n $pid ]] && alive "$pid"; then
      echo "$name: running (pid $pid)"
    else
      echo "$name: not running"
      rc=3
    fi
  done
  "$here/mta/mta.sh" status "$run" || rc=3
  if ((rc == 0)); then
    if nsd_ready; then echo "dns: answers on 127.0.0.1@$dns_port"; else echo "dns: NOT answering"; rc=1; fi
    [[ -f $run/mxray.args ]] && echo "mxray options: $(tr '\n' ' ' <"$run/mxray.args")"
  fi
  return $rc
}

# The lab's daemons outlive this script: they must not inherit a descriptor from whoever ran
# it (e.g. the lock of `flock /tmp/mxray-lab.lock ctest`, which a left-over lab would then
# hold for ever). Keep stdin, stdout and stderr (and 255, bash's own copy of this script).
close_inherited_fds() {
  local fd n
  for fd in /proc/$$/fd/*; do
    n=${fd##*/}
    if [[ $n =~ ^[0-9]+$ ]] && ((n > 2 && n != 255)) && [[ -e $fd ]]; then eval "exec $n>&-" 2>/dev/null || true; fi
  done
}

# One start or stop at a time per run dir (two sessions may share the lab).
lock() {
  mkdir -p "$run"
  exec 9>"$run/.lock"
  flock -w 60 9 || die "another lab.sh holds $run/.lock"
}

case ${1:-} in
  start) close_inherited_fds; lock; cmd_start ;;
  wan) close_inherited_fds; lock; : >"$run/logs/wan.out"; cmd_wan "${2:-}" ;;
  stop) [[ -d $run ]] && lock; cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: lab.sh start|stop|status|wan MS   (env: MXRAY_LAB_DIR, MXRAY_FIXTURE, MXRAY_LAB_WAN_DELAY_MS)" >&2; exit 2 ;;
esac
