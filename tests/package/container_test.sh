#!/usr/bin/env bash
# Builds the Containerfile's image from the .deb and runs `mxray --version` and `mxray findings`
# in it, with podman or docker. Opt-in (MXRAY_CONTAINER_TEST=1): building the image fetches the
# package's dependencies from the Debian mirror, and tests do not use the internet by default.
# Needs the debian:12-slim image present (never pulled). Exits 77 (skipped) otherwise.
# Usage: container_test.sh REPO BUILD_DIR
set -euo pipefail
repo=$1
build=$2
if [[ ${MXRAY_CONTAINER_TEST:-0} != 1 ]]; then
  echo "container test: opt-in (MXRAY_CONTAINER_TEST=1: the image build needs the Debian mirror); skipped"
  exit 77
fi
engine=
for e in podman docker; do
  if command -v "$e" >/dev/null 2>&1 && timeout 10 "$e" image inspect docker.io/library/debian:12-slim >/dev/null 2>&1; then
    engine=$e
    break
  fi
done
if [[ -z $engine ]]; then
  echo "container test: no podman or docker with the debian:12-slim image here; skipped"
  exit 77
fi
tmp=$(mktemp -d)
tag=mxray-test:$$
trap '"$engine" rmi -f "$tag" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
MXRAY_PACKAGE_SKIP_BUILD=1 MXRAY_BUILD_DIR=$build MXRAY_PACKAGE_DIR=$tmp "$repo/scripts/package.sh"
"$engine" build --pull=never -f "$repo/Containerfile" -t "$tag" "$tmp" >"$tmp/build.log" 2>&1 ||
  { tail -20 "$tmp/build.log"; echo "container test: image build failed"; exit 1; }
"$engine" run --rm --network=none --read-only --cap-drop=ALL "$tag" --version
[[ $("$engine" run --rm --network=none "$tag" findings | wc -l) -gt 20 ]] || { echo "container test: mxray findings failed"; exit 1; }
echo "container test: $engine image ok"
