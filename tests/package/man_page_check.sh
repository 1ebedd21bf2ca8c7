#!/usr/bin/env bash
# Fails when an option that `mxray --help` or `mxray SUBCOMMAND --help` prints is missing from
# the man page: subcommand options must appear in the page's "SUBCOMMAND OPTIONS" section, the
# program's own in "GLOBAL OPTIONS", every subcommand in "COMMANDS". Usage: man_page_check.sh MXRAY PAGE
set -euo pipefail
mxray=$1
page=$2
export LC_ALL=C LANG=C LANGUAGE=
# The page as text: roff's \- is a plain hyphen.
text=$(sed 's/\\-/-/g' "$page")
section() { awk -v want=".SH $1" '$0 == want {on = 1; next} /^\.SH / {on = 0} on' <<<"$text"; }
has() { grep -qE -- "(^|[^A-Za-z0-9-])$1([^A-Za-z0-9-]|\$)" <<<"$2"; }
# The options (and positionals) column of CLI11's help, one name a line.
names_of() {
  "$mxray" "$@" --help | awk '/^[A-Za-z]+:$/ {s = $0; next} /^$/ {s = ""} (s == "Options:" || s == "Positionals:") && /^  [^ ]/ {print $1}' |
    tr ',' '\n'
}
status=0
checked=0
global=$(section "GLOBAL OPTIONS")
for name in $(names_of); do
  checked=$((checked + 1))
  has "$name" "$global" || { echo "man page: GLOBAL OPTIONS lacks $name"; status=1; }
done
commands=$(section "COMMANDS")
subs=$("$mxray" --help | awk '/^Subcommands:$/ {s = 1; next} /^$/ {s = 0} s && /^  [a-z]/ {print $1}')
[[ -n $subs ]] || { echo "mxray --help lists no subcommands"; exit 1; }
for sub in $subs; do
  has "$sub" "$commands" || { echo "man page: COMMANDS lacks $sub"; status=1; }
  own=$(section "${sub^^} OPTIONS")
  for name in $(names_of "$sub"); do
    checked=$((checked + 1))
    [[ $name == -h || $name == --help ]] && continue
    # Positionals (no leading dash) are named in COMMANDS and SYNOPSIS.
    if [[ $name != -* ]]; then
      has "$name" "$text" || { echo "man page: lacks the $sub argument $name"; status=1; }
      continue
    fi
    has "$name" "$own" || { echo "man page: ${sub^^} OPTIONS lacks $name (mxray $sub --help has it)"; status=1; }
  done
done
((checked > 10)) || { echo "only $checked options found in the help: is the help format still parsed?"; exit 1; }
# Every exit code the help's footer names has its entry in EXIT STATUS.
exit_status=$(section "EXIT STATUS")
codes=$("$mxray" --help | sed -n 's/^Exit codes: //p' | grep -oE '(^|, )[0-9]+' | grep -oE '[0-9]+')
[[ -n $codes ]] || { echo "mxray --help names no exit codes"; status=1; }
for code in $codes; do
  grep -qxF ".B $code" <<<"$exit_status" || { echo "man page: EXIT STATUS lacks $code"; status=1; }
done
# The page renders without a warning from groff (when installed).
if command -v groff >/dev/null 2>&1; then
  warnings=$(groff -man -ww -z -Tutf8 "$page" 2>&1)
  [[ -z $warnings ]] || { echo "$warnings"; echo "man page: groff warns (above)"; status=1; }
fi
echo "man page: $checked options of $(wc -w <<<"$subs") subcommands checked"
exit $status
