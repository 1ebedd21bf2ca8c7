#!/usr/bin/env bash
# The generated completions: syntax-checked by each shell that is installed, and the bash one
# driven as bash would drive it (subcommands, every option of `mxray check --help`, the values
# of --color, files for judge). Usage: completion_test.sh MXRAY COMPLETION_DIR
set -euo pipefail
mxray=$(realpath "$1")
dir=$(realpath "$2")
export LC_ALL=C LANG=C LANGUAGE=
fail() { echo "completion test: $*" >&2; exit 1; }
bash -n "$dir/mxray" || fail "bash completion: syntax error"
if command -v zsh >/dev/null 2>&1; then zsh -n "$dir/_mxray" || fail "zsh completion: syntax error"; else echo "zsh not installed: syntax not checked"; fi
if command -v fish >/dev/null 2>&1; then
  fish -n "$dir/mxray.fish" || fail "fish completion: syntax error"
  fish_home=$(mktemp -d)
  trap 'rm -rf "$fish_home"' EXIT
  offered=$(HOME=$fish_home fish --no-config -c "source '$dir/mxray.fish'; complete -C 'mxray check --color '; complete -C 'mxray '" | cut -f1)
  for word in auto always never check judge serve findings completion; do
    grep -qxF "$word" <<<"$offered" || fail "fish: mxray <TAB> or --color <TAB> does not offer $word"
  done
else
  echo "fish not installed: not checked"
fi
# The file is the same as the program prints now.
diff -u "$dir/mxray" <("$mxray" completion bash) >/dev/null || fail "the installed bash completion is stale"

# complete WORDS... : what bash would offer for the last word.
complete_words() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _mxray; printf "%s\n" "${COMPREPLY[@]}"' _ "$dir/mxray" "$@"
}
offered=$(complete_words mxray "")
for sub in check judge serve findings completion --version; do
  grep -qxF -- "$sub" <<<"$offered" || fail "mxray <TAB> does not offer $sub"
done
check_options=$(complete_words mxray check -)
for option in $("$mxray" check --help | awk '/^Options:$/ {s = 1; next} /^$/ {s = 0} s && /^  -/ {print $1}' | tr ',' '\n'); do
  grep -qxF -- "$option" <<<"$check_options" || fail "mxray check -<TAB> does not offer $option"
done
scan_options=$(complete_words mxray scan -)
for option in $("$mxray" scan --help | awk '/^Options:$/ {s = 1; next} /^$/ {s = 0} s && /^  -/ {print $1}' | tr ',' '\n'); do
  grep -qxF -- "$option" <<<"$scan_options" || fail "mxray scan -<TAB> does not offer $option"
done
[[ $(complete_words mxray scan --progress "") == $'auto\nbar\nlines\nnone' ]] || fail "scan --progress <TAB> does not offer auto bar lines none"
[[ $(complete_words mxray check --color "") == $'auto\nalways\nnever' ]] || fail "--color <TAB> does not offer auto always never"
[[ $(complete_words mxray check --relay-tests a) == all ]] || fail "--relay-tests a<TAB> does not complete to all"
[[ -z $(complete_words mxray check --port "") ]] || fail "--port <TAB> offers something"
cd "$dir"
grep -qxF mxray.fish <<<"$(complete_words mxray judge mxray.f)" || fail "judge <TAB> does not complete file names"
[[ $(complete_words mxray completion z) == zsh ]] || fail "completion z<TAB> does not offer zsh"
grep -q "__fish_seen_subcommand_from check' -l deny-prefix" mxray.fish || fail "fish: no --deny-prefix for check"
grep -q "'\*--timeout\[Deadline for the whole check, seconds\]:value: '" _mxray || fail "zsh: no --timeout spec"
echo "completion test: $(wc -l <<<"$check_options") options of check offered"
