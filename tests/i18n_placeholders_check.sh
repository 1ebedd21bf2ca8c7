#!/usr/bin/env bash
# Fails when a translation loses or alters what the program or the reader must find verbatim:
# every {name} placeholder of the msgid (same multiset: a msgstr may reorder them), every
# backticked command or configuration snippet (same multiset, byte for byte), and every
# configuration keyword written with an underscore (smtpd_tls_auth_only, $tls_in_cipher, ...).
# Usage: tests/i18n_placeholders_check.sh [po-folder]   (default: the repository's po/)
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
  # Catalogues are written with --no-wrap: one line per msgid and per msgstr (the header aside).
  if awk -v file="$po" '
    function body(line) {
      sub(/^msg(id|id_plural|str|str\[[0-9]+\]) "/, "", line)
      sub(/"$/, "", line)
      return line
    }
    # Appends to list every match of re in s, sorted, separated by newlines.
    function collect(s, re,    out, n, i, j, t, items) {
      n = 0
      while (match(s, re)) {
        items[++n] = substr(s, RSTART, RLENGTH)
        s = substr(s, RSTART + RLENGTH)
      }
      for (i = 2; i <= n; i++) {
        t = items[i]
        for (j = i - 1; j >= 1 && items[j] > t; j--) items[j + 1] = items[j]
        items[j + 1] = t
      }
      out = ""
      for (i = 1; i <= n; i++) out = out items[i] "\n"
      return out
    }
    function count_char(s, c,    n) {
      n = 0
      while ((i = index(s, c)) > 0) { n++; s = substr(s, i + 1) }
      return n
    }
    function compare(what, a, b) {
      if (a != b) {
        gsub(/\n/, " ", a); gsub(/\n/, " ", b)
        printf "%s:%d: %s differ\n    msgid:  %s\n    msgstr: %s\n    in msgid:  %s\n    in msgstr: %s\n", file, line_no, what, id, str, a, b
        bad++
      }
    }
    /^msgid "/ { id = body($0); singular = id; plural = ""; next }
    # A plural entry: each msgstr[N] keeps the placeholders of msgid or of msgid_plural (a
    # singular form may leave out the count, "the only MX host").
    /^msgid_plural "/ { plural = body($0); next }
    /^msgstr\[[0-9]+\] "/ {
      form = body($0)
      p = collect(form, "\\{[A-Za-z_][A-Za-z0-9_]*\\}")
      id = (p == collect(singular, "\\{[A-Za-z_][A-Za-z0-9_]*\\}")) ? singular : plural
      sub(/^msgstr\[[0-9]+\]/, "msgstr")
    }
    /^msgstr "/ {
      str = body($0)
      line_no = NR
      if (id == "" || str == "") next
      compare("placeholders", collect(id, "\\{[A-Za-z_][A-Za-z0-9_]*\\}"), collect(str, "\\{[A-Za-z_][A-Za-z0-9_]*\\}"))
      compare("backticked snippets", collect(id, "`[^`]*`"), collect(str, "`[^`]*`"))
      if (count_char(id, "`") != count_char(str, "`")) compare("backtick counts", count_char(id, "`") "", count_char(str, "`") "")
      compare("configuration keywords", collect(id, "[$A-Za-z0-9]*[A-Za-z0-9]_[A-Za-z0-9_]*"), collect(str, "[$A-Za-z0-9]*[A-Za-z0-9]_[A-Za-z0-9_]*"))
      checked++
    }
    END {
      if (checked == 0) { printf "%s: no translated message found\n", file; exit 1 }
      if (bad > 0) { printf "%s: %d problem(s) in %d messages\n", file, bad, checked; exit 1 }
      printf "%s: placeholders, backticked snippets and keywords intact in %d messages\n", file, checked
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
