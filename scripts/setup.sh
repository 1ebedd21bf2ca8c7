#!/usr/bin/env bash
# Installs the Debian packages mxray needs to build, test and run its lab, only those that
# are missing (idempotent, non-interactive). Debian 12, as root.
set -euo pipefail

packages=(
  # build
  g++ cmake ninja-build pkg-config gettext
  # the code style (scripts/check-format.sh, the test style.clang_format)
  clang-format
  # the Debian package (scripts/package.sh: dpkg-shlibdeps)
  dpkg-dev
  libboost1.81-dev libssl-dev libunbound-dev libidn2-dev libldns-dev
  nlohmann-json3-dev libcli11-dev libfmt-dev
  # tests and benchmarks (lintian checks the .deb; zsh and fish check their completions)
  libgtest-dev libgmock-dev libbenchmark-dev lintian zsh fish
  # promtool (from prometheus; its daemon is not started, see policy-rc.d below) checks the
  # example scrape config and alert rules in deploy/prometheus/ and the /probe output
  prometheus
  # the web page's browser test (headless Chromium, driven by playwright-core from npm) and
  # the API load benchmark
  chromium wrk
  # run time and the lab
  dns-root-data ca-certificates openssl nsd ldnsutils procps iproute2
  # real MTAs of the lab and the established tools the interop tests compare with
  # (Exim and OpenSMTPD conflict with postfix: lab/mta/fetch-debs.sh unpacks them instead;
  # the libraries they need come from apt here)
  # (postgrey: the greylisting policy service of the front-end lab)
  postfix postgrey nmap swaks libnet-ssleay-perl testssl.sh time
  libidn12 libgnutls-dane0 libnsl2 libdb5.3 libpcre2-8-0 libevent-2.1-7 libpam0g
)

# Node.js and npm for the browser test: Debian's own unless some nodejs (with npm) is there.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$p")
done

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Exim and OpenSMTPD: .debs from apt (apt-get download), unpacked into a cache folder.
fetch_debs() { "$repo/lab/mta/fetch-debs.sh"; }

if ((${#missing[@]} == 0)); then
  echo "setup: all ${#packages[@]} packages present"
  fetch_debs
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "setup: missing packages: ${missing[*]}; run as root or install them with apt-get" >&2
  exit 1
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Package scripts must not start daemons (NSD would take port 53); the lab starts its own.
policy=/usr/sbin/policy-rc.d
made_policy=0
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod +x "$policy"
  made_policy=1
fi
trap '[[ $made_policy == 1 ]] && rm -f "$policy"' EXIT
# postfix asks for a mail setup: "No configuration" leaves /etc/postfix without main.cf,
# the lab runs its own instances from lab/mta/ (postfix -c DIR).
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
echo "postfix postfix/mailname string lab.test" | debconf-set-selections
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fetch_debs
echo "setup: done"
