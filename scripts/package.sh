#!/usr/bin/env bash
# Builds the Debian package of mxray (CPack DEB, Depends from dpkg-shlibdeps) from this clone:
# builds the usual tree (scripts/build.sh, build/) and packages what `cmake --install` installs,
# with the prefix /usr. The .deb lands in MXRAY_PACKAGE_DIR (default build/package/);
# MXRAY_PACKAGE_SKIP_BUILD=1 packages the tree as it is (the package test does).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${MXRAY_BUILD_DIR:-$repo/build}
out=${MXRAY_PACKAGE_DIR:-$build/package}
if ! command -v dpkg-shlibdeps >/dev/null 2>&1; then
  echo "package: dpkg-shlibdeps is missing (apt-get install dpkg-dev, or run scripts/setup.sh)" >&2
  exit 1
fi
[[ ${MXRAY_PACKAGE_SKIP_BUILD:-0} == 1 ]] || "$repo/scripts/build.sh"
mkdir -p "$out"
rm -f "$out"/mxray_*.deb
if ! (cd "$build" && cpack -G DEB -B "$out" >"$out/cpack.log" 2>&1); then
  cat "$out/cpack.log" >&2
  exit 1
fi
rm -rf "$out/_CPack_Packages"
deb=$(ls "$out"/mxray_*.deb)
echo "package: $deb"
