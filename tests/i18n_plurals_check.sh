#!/usr/bin/env bash
# Fails when a plural entry (msgid_plural) of a catalogue lacks one of the forms its header's
# Plural-Forms asks for (nplurals), or leaves one empty: gettext would then show English, or
# nothing, for the counts that take that form.
# Usage: tests/i18n_plurals_check.sh [po-folder]   (default: the repository's po/)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${1:-$repo/po}
status=0
passed=0
failed=0
for lang in fr de es it; do
  po=$dir/$lang.po
  if [[ ! -f $po ]]; then
    echo "$po: missing"
    failed=$((failed + 1))
    status=1
    continue
  fi
  # Catalogues are written with --no-wrap: one line per msgid, msgid_plural and msgstr[N].
  if awk -v file="$po" '
    function finish() {
      if (plural == "") return
      for (i = 0; i < nplurals; i++) {
        if (!(i in forms) || forms[i] == "") {
          printf "%s:%d: form %d of %d missing or empty\n    msgid_plural: %s\n", file, at, i, nplurals, plural
          bad++
        }
      }
      for (i in forms) if (i + 0 >= nplurals) { printf "%s:%d: form %d beyond nplurals=%d\n", file, at, i, nplurals; bad++ }
      entries++
      plural = ""
      delete forms
    }
    /^"Plural-Forms: / {
      if (match($0, /nplurals=[0-9]+/)) nplurals = substr($0, RSTART + 9, RLENGTH - 9) + 0
      next
    }
    /^msgid "/ { finish(); next }
    /^msgid_plural "/ { plural = substr($0, 15, length($0) - 15); at = NR; next }
    /^msgstr\[[0-9]+\] "/ {
      i = substr($0, 8, index($0, "]") - 8) + 0
      forms[i] = substr($0, index($0, "] \"") + 3)
      sub(/"$/, "", forms[i])
      next
    }
    END {
      finish()
      if (nplurals == 0) { printf "%s: no Plural-Forms header\n", file; exit 1 }
      if (entries == 0) { printf "%s: no plural entry found\n", file; exit 1 }
      if (bad > 0) { printf "%s: %d problem(s) in %d plural entries\n", file, bad, entries; exit 1 }
      printf "%s: all %d plural entries have their %d forms\n", file, entries, nplurals
    }
  ' "$po"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    status=1
  fi
done
echo "$passed passed, $failed failed"
exit $status
