#!/usr/bin/env bash
# Builds the .deb from the build tree (scripts/package.sh), checks its Depends (from
# dpkg-shlibdeps) and contents (no lab or test files), unpacks it into a throwaway root and runs
# `mxray --version` and `mxray findings` from there; lintian too when it is installed.
# Usage: package_test.sh REPO BUILD_DIR
set -euo pipefail
repo=$1
build=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "package test: $*" >&2; exit 1; }

MXRAY_PACKAGE_SKIP_BUILD=1 MXRAY_BUILD_DIR=$build MXRAY_PACKAGE_DIR=$tmp/out "$repo/scripts/package.sh"
deb=$(ls "$tmp"/out/mxray_*.deb)

depends=$(dpkg-deb --field "$deb" Depends)
echo "Depends: $depends"
names=$(sed 's/ *([^)]*)//g; s/, */\n/g' <<<"$depends")
for lib in libssl3 libunbound8 libidn2-0 libldns3 libc6 libstdc++6 dns-root-data ca-certificates; do
  grep -qxF "$lib" <<<"$names" || fail "Depends lacks $lib"
done
grep -qE 'libc6 \(>= [0-9]' <<<"$depends" || fail "Depends has no versions: was dpkg-shlibdeps run?"

contents=$(dpkg-deb --contents "$deb" | awk '{print $NF}')
for f in ./usr/bin/mxray ./usr/share/man/man1/mxray.1.gz ./usr/share/bash-completion/completions/mxray \
  ./usr/share/zsh/vendor-completions/_mxray ./usr/share/fish/vendor_completions.d/mxray.fish \
  ./lib/systemd/system/mxray.service ./etc/default/mxray ./usr/share/doc/mxray/README.md \
  ./usr/share/doc/mxray/findings.md ./usr/share/doc/mxray/copyright; do
  grep -qxF "$f" <<<"$contents" || fail "the package lacks $f"
done
if grep -E 'lab|fixture|test|bench|gtest|sts-server|\.a$|\.o$|/include/' <<<"$contents"; then
  fail "the package holds lab, test or build files (above)"
fi
[[ $(dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles) == /etc/default/mxray ]] || fail "conffiles is not /etc/default/mxray"

root=$tmp/root
dpkg -x "$deb" "$root"
version=$("$root/usr/bin/mxray" --version)
echo "$version"
grep -qE '^mxray [0-9]+\.[0-9]+\.[0-9]+ \(commit ([0-9a-f]{7,}(-dirty)?|unknown)\)$' <<<"$version" || fail "--version: no version and commit line"
grep -qE '^OpenSSL: OpenSSL 3\.' <<<"$version" || fail "--version: no OpenSSL version"
grep -qE '^libunbound: [0-9]+\.[0-9]+' <<<"$version" || fail "--version: no libunbound version"
grep -qE '^Boost: 1\.[0-9]+\.[0-9]+$' <<<"$version" || fail "--version: no Boost version"
findings=$("$root/usr/bin/mxray" findings)
[[ $(wc -l <<<"$findings") -gt 20 ]] || fail "mxray findings printed $(wc -l <<<"$findings") lines"
grep -q 'relay' <<<"$findings" || fail "mxray findings lacks the relay findings"
zcat "$root/usr/share/man/man1/mxray.1.gz" | grep -q '^\.TH MXRAY 1' || fail "the man page is not mxray(1)"
grep -q "^ExecStart=/usr/bin/mxray serve" "$root/lib/systemd/system/mxray.service" || fail "the unit does not run /usr/bin/mxray"
grep -q "^EnvironmentFile=-/etc/default/mxray" "$root/lib/systemd/system/mxray.service" || fail "the unit does not read /etc/default/mxray"

if command -v lintian >/dev/null 2>&1; then
  lintian --fail-on error "$deb" ||
    fail "lintian reports errors"
else
  echo "package test: lintian is not installed; skipped it"
fi
echo "package test: $(basename "$deb") ok ($(wc -l <<<"$contents") entries)"
