#!/usr/bin/env bash
# Checks that the C++ lines this branch changed (commits since BASE, default the merge base with
# main, and uncommitted edits) follow .clang-format. Prints the reformatting it wants and exits 1
# when there is one. Only changed lines: the tree as a whole was not reformatted in one go.
# --fix applies the formatting to those lines instead.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
fix=0
if [[ ${1:-} == --fix ]]; then
  fix=1
  shift
fi
base=${1:-$(git merge-base HEAD main 2>/dev/null || git rev-parse HEAD)}
command -v git-clang-format >/dev/null 2>&1 || { echo "check-format: git-clang-format missing (apt-get install clang-format)" >&2; exit 1; }
if ((fix)); then
  git clang-format --extensions cpp,hpp "$base" -- src apps tests bench lab
  exit 0
fi
out=$(git clang-format --diff --extensions cpp,hpp "$base" -- src apps tests bench lab 2>&1) || true
case $out in
  "" | "no modified files to format" | "clang-format did not modify any files")
    echo "check-format: the changed lines are formatted"
    ;;
  *)
    printf '%s\n' "$out"
    echo "check-format: run scripts/check-format.sh --fix" >&2
    exit 1
    ;;
esac
