#!/usr/bin/env bash
# Regenerates po/mxray.pot from the sources and merges it into every po/<lang>.po.
# Run after changing any user-visible text; then translate the new or fuzzy entries.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
cd "$repo"
files=$(git ls-files 'src/*.cpp' 'src/*.hpp' 'apps/*.cpp' 'apps/*.hpp' 2>/dev/null || find src apps -name '*.[ch]pp')
# shellcheck disable=SC2086
xgettext --language=C++ --from-code=UTF-8 --keyword=N_ --keyword=tr:2 --keyword=trf:2 --keyword=trn:2,3 --keyword=counted:1,2 \
  --package-name=mxray --msgid-bugs-address=none --no-wrap --no-location --sort-output -o "$here/mxray.pot" $files
for lang in fr de es it; do
  po=$here/$lang.po
  if [[ ! -f $po ]]; then
    msginit --no-translator --no-wrap --locale="$lang" -i "$here/mxray.pot" -o "$po" >/dev/null
    sed -i "s/charset=ASCII/charset=UTF-8/" "$po"
  else
    msgmerge --quiet --no-wrap --no-fuzzy-matching --update --backup=none "$po" "$here/mxray.pot"
    msgattrib --no-wrap --no-obsolete -o "$po" "$po"
  fi
done
