#!/usr/bin/env bash
# Checks that the C++ sources follow .clang-format and exits 1 when one does not, printing what
# it wants changed.
#   check-format.sh --all        every tracked C++ file (what the test style.clang_format runs)
#   check-format.sh --all --fix  reformats every tracked C++ file
#   check-format.sh [BASE]       only the lines this branch changed since BASE (default: the merge
#                                base with main) and uncommitted edits; --fix [BASE] formats them
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
command -v clang-format >/dev/null 2>&1 || { echo "check-format: clang-format missing (apt-get install clang-format)" >&2; exit 1; }
if [[ ${1:-} == --all ]]; then
  mapfile -t files < <(git ls-files -- 'src/*.cpp' 'src/*.hpp' 'apps/*.cpp' 'apps/*.hpp' 'tests/*.cpp' 'tests/*.hpp' \
    'bench/*.cpp' 'bench/*.hpp' 'lab/*.cpp' 'lab/*.hpp')
  if [[ ${2:-} == --fix ]]; then
    clang-format -i "${files[@]}"
    exit 0
  fi
  if ! clang-format --dry-run -Werror "${files[@]}"; then
    echo "check-format: run scripts/check-format.sh --all --fix" >&2
    exit 1
  fi
  echo "check-format: all ${#files[@]} C++ files are formatted"
  exit 0
fi
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
