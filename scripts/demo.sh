#!/usr/bin/env bash
# The main job: installs what is missing, builds, starts the lab (DNS + mail servers on
# loopback) and prints mxray's report for each of the lab's domains. The lab keeps running
# afterwards so you can try mxray yourself; stop it with: lab/lab.sh stop
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$repo/scripts/setup.sh"
"$repo/scripts/build.sh" >/dev/null
build=${MXRAY_BUILD_DIR:-$repo/build}
MXRAY_FIXTURE=$build/lab/mxray-fixture "$repo/lab/lab.sh" start >/dev/null
run=${MXRAY_LAB_DIR:-/tmp/mxray-lab}
# mxray.args holds "--option value" per line: split into words.
read -ra lab_args <<<"$(tr '\n' ' ' <"$run/mxray.args")"

# Real MTAs (lab/mta) first: Postfix good / open relay / TLS 1.0 + wrong name, Exim
# self-signed, OpenSMTPD (TLS broken in Debian 12), a dead primary, all of them mixed; then
# the fixture's scenarios for what real servers will not do on demand.
domains=(${MXRAY_DEMO_DOMAINS:-postfix.test postfix-relay.test postfix-legacy.test exim.test opensmtpd.test
  deadprimary.test realmix.test good.test expired.test mismatch.test selfsigned.test nostarttls.test
  busy.test nullmx.test})
for d in "${domains[@]}"; do
  echo "================================================================================"
  echo "\$ mxray check $d ${lab_args[*]}"
  echo
  set +e
  "$build/apps/mxray" check "$d" "${lab_args[@]}"
  code=$?
  set -e
  echo "(exit code $code)"
  echo
done
echo "The lab is still running: try '$build/apps/mxray check <domain>.test $(tr '\n' ' ' <"$run/mxray.args")'"
echo "(domains: lab/README.md). Stop it with: lab/lab.sh stop"
