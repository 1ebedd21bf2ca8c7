#!/usr/bin/env bash
# fetch-debs.sh: Exim and OpenSMTPD for the lab. Both conflict with postfix in apt, so they are
# fetched with `apt-get download` (Debian's apt only) and unpacked with `dpkg -x` into a cache
# folder, never installed. Also creates the system users they look up. Idempotent: cached
# .debs and unpacked trees are reused. Cache: $MXRAY_LAB_CACHE (default /var/cache/mxray-lab).
set -euo pipefail

cache=${MXRAY_LAB_CACHE:-/var/cache/mxray-lab}
debs=(exim4-daemon-light opensmtpd)

say() { echo "fetch-debs: $*"; }
die() { echo "fetch-debs: error: $*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "run as root (users, port 25)"
mkdir -p "$cache/debs" "$cache/root"

for pkg in "${debs[@]}"; do
  [[ -x $cache/root/$pkg/.done ]] && continue
  version=$(apt-cache policy "$pkg" 2>/dev/null | sed -n 's/^ *Candidate: //p')
  [[ -n $version && $version != "(none)" ]] || { apt-get update -qq; version=$(apt-cache policy "$pkg" | sed -n 's/^ *Candidate: //p'); }
  [[ -n $version && $version != "(none)" ]] || die "$pkg is not known to apt"
  deb=$(ls "$cache/debs/${pkg}_"*.deb 2>/dev/null | head -n1 || true)
  if [[ -z $deb ]]; then
    say "downloading $pkg $version"
    (cd "$cache/debs" && apt-get download -qq -o APT::Sandbox::User=root "$pkg" >/dev/null) || die "apt-get download $pkg failed"
    deb=$(ls "$cache/debs/${pkg}_"*.deb | head -n1)
  fi
  rm -rf "$cache/root/$pkg"
  mkdir -p "$cache/root/$pkg"
  dpkg -x "$deb" "$cache/root/$pkg"
  printf '#!/bin/sh\n# unpacked from %s\n' "$(basename "$deb")" >"$cache/root/$pkg/.done"
  chmod +x "$cache/root/$pkg/.done"
  say "unpacked $(basename "$deb") into $cache/root/$pkg"
done

# The users the daemons look up before reading their configuration.
add_user() {
  id "$1" >/dev/null 2>&1 && return 0
  getent group "$1" >/dev/null || groupadd --system "$1"
  useradd --system --gid "$1" --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin "$1"
  say "created system user $1"
}
add_user Debian-exim
add_user opensmtpd
add_user opensmtpq
say "ready in $cache"
