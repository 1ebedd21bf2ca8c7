#!/usr/bin/env bash
# Fails when a message of the code lacks a translation (or is fuzzy) in any of the catalogues,
# or when a catalogue holds a message the code no longer uses. Extracts afresh from the
# sources, exactly as po/update.sh does, into a temporary folder.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$repo"
# shellcheck disable=SC2046
xgettext --language=C++ --from-code=UTF-8 --keyword=N_ --keyword=tr:2 --keyword=trf:2 --keyword=trn:2,3 --keyword=counted:1,2 --no-wrap --no-location \
  --sort-output -o "$tmp/mxray.pot" $(find src apps -name '*.cpp' -o -name '*.hpp' | sort)
total=$(grep -c '^msgid "' "$tmp/mxray.pot")
status=0
passed=0
failed=0
for lang in fr de es it; do
  msgmerge --quiet --no-wrap --no-fuzzy-matching -o "$tmp/$lang.po" "po/$lang.po" "$tmp/mxray.pot"
  untranslated=$(msgattrib --no-wrap --untranslated --no-obsolete "$tmp/$lang.po" | grep -c '^msgid "' || true)
  fuzzy=$(msgattrib --no-wrap --only-fuzzy --no-obsolete "$tmp/$lang.po" | grep -c '^msgid "' || true)
  obsolete=$(msgattrib --no-wrap --only-obsolete "$tmp/$lang.po" | grep -c '^#~ msgid' || true)
  # The header entry (msgid "") counts as one untranslated-looking entry when present.
  untranslated=$((untranslated > 0 ? untranslated - 1 : 0))
  fuzzy=$((fuzzy > 0 ? fuzzy - 1 : 0))
  if ((untranslated + fuzzy + obsolete > 0)); then
    echo "po/$lang.po: $untranslated untranslated, $fuzzy fuzzy, $obsolete no longer used (run po/update.sh and translate)"
    msgattrib --no-wrap --untranslated --no-obsolete "$tmp/$lang.po" | grep '^msgid "' | sed 1d | head -5 | sed 's/^/    /'
    failed=$((failed + 1))
    status=1
  else
    echo "po/$lang.po: all $((total - 1)) messages translated"
    passed=$((passed + 1))
  fi
done
echo "$passed passed, $failed failed"
exit $status
