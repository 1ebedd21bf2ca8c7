#!/usr/bin/env bash
# `cmake --install` with a prefix of one's own: the program, man page, completions, docs, the
# systemd unit (naming the installed program and environment file) and the environment file.
# Usage: install_test.sh BUILD_DIR
set -euo pipefail
build=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "install test: $*" >&2; exit 1; }
prefix=/opt/mxray-test
DESTDIR=$tmp cmake --install "$build" --prefix "$prefix" >"$tmp/install.log"
root=$tmp$prefix
for f in bin/mxray share/man/man1/mxray.1.gz share/bash-completion/completions/mxray \
  share/zsh/vendor-completions/_mxray share/fish/vendor_completions.d/mxray.fish \
  share/doc/mxray/README.md lib/systemd/system/mxray.service etc/default/mxray; do
  [[ -s $root/$f ]] || fail "$prefix/$f is not installed"
done
unit=$root/lib/systemd/system/mxray.service
grep -qxF "ExecStart=$prefix/bin/mxray serve --listen \${MXRAY_LISTEN} \$MXRAY_OPTIONS" "$unit" || fail "ExecStart does not name $prefix/bin/mxray"
grep -qxF "EnvironmentFile=-$prefix/etc/default/mxray" "$unit" || fail "EnvironmentFile is not $prefix/etc/default/mxray"
"$root/bin/mxray" --version | head -1
echo "install test: $(find "$tmp" -type f | wc -l) files under $prefix"
