#!/usr/bin/env bash
# Fails when a catalogue breaks a rule of po/GLOSSARY.md that can be checked mechanically:
# Spanish "relay" (never "relé", "reenvío" only for forwarding, "la RFC"), Italian "Lei"
# (no "voi" forms), German capitalised severity badges and one word each for Mail and
# verifiziertes TLS, French non-breaking spaces before : ; ? ! and inside « », FAIL and
# "Failures" never the word for "Error", one word for "Fix", the MX preference *value*,
# and no "proper noun" for "the server's own name".
# Usage: tests/i18n_glossary_check.sh [po-folder]   (default: the repository's po/)
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
  if awk -v file="$po" -v lang="$lang" '
    function body(line) {
      sub(/^msg(id|id_plural|str|str\[[0-9]+\]) "/, "", line)
      sub(/"$/, "", line)
      return line
    }
    function complain(rule) {
      printf "%s:%d: %s\n    msgid:  %s\n    msgstr: %s\n", file, line_no, rule, id, str
      bad++
    }
    # s contains w as a whole word (ASCII letters around it do not count as a boundary).
    function has_word(s, w) {
      return match(s, "(^|[^A-Za-z])" w "([^A-Za-z]|$)")
    }
    # Text outside commands, quoted snippets and URLs: typography rules do not apply there.
    function prose(s) {
      gsub(/`[^`]*`/, " CODE ", s)
      gsub(/\\"/, "\001", s)
      gsub(/\001[^\001]*\001/, " CODE ", s)
      gsub(/[a-z]+:\/\/[^ ]*/, "CODE", s)
      gsub(/mailto:[^ ]*/, "CODE", s)
      return s
    }
    function before_is_nbsp(s, pos) {
      return (pos > 2 && substr(s, pos - 2, 2) == nbsp) || (pos > 3 && substr(s, pos - 3, 3) == nnbsp)
    }
    function french_typography(s,    p, rest, offset, c) {
      s = prose(s)
      if (match(s, / [:;?!]/)) return "plain space before " substr(s, RSTART + 1, 1) " (use U+00A0 before :, U+202F before ; ? !)"
      rest = s
      offset = 0
      while (match(rest, /[:;?!]( |$)/)) {
        p = offset + RSTART
        c = substr(s, p, 1)
        if (!before_is_nbsp(s, p)) return "no non-breaking space before " c
        offset = p
        rest = substr(s, p + 1)
      }
      if (index(s, "\302\253 ") > 0 || index(s, " \302\273") > 0) return "plain space inside guillemets (use U+00A0)"
      rest = s
      while ((p = index(rest, "\302\253")) > 0) {
        if (substr(rest, p + 2, 2) != nbsp && substr(rest, p + 2, 3) != nnbsp) return "no non-breaking space after the opening guillemet"
        rest = substr(rest, p + 2)
      }
      rest = s
      offset = 0
      while ((p = index(rest, "\302\273")) > 0) {
        if (!before_is_nbsp(s, offset + p)) return "no non-breaking space before the closing guillemet"
        offset += p + 1
        rest = substr(rest, p + 2)
      }
      return ""
    }
    BEGIN {
      nbsp = "\302\240"
      nnbsp = "\342\200\257"
      value["fr"] = "valeur de préférence"; value["de"] = "Präferenzwert"
      value["es"] = "valor de preferencia"; value["it"] = "valore di preferenza"
      proper["fr"] = "nom propre"; proper["es"] = "nombre propio"; proper["it"] = "nome proprio"
      # Italian: second person plural (voi) forms that a "Lei" text never needs.
      n_voi = split("vostro vostra vostri vostre potete dovete avete siete volete rimuovete correggete eseguite chiedete ripetete mantenete aggiungete tenete scrivete riducete attendete decidete servite seguite richiedete inserite assicuratevi registratevi installatelo tenetelo", voi, " ")
      # Forms that are also participles (le firme verificate): voi only where they open a sentence.
      n_voi_start = split("Controllate Verificate Pubblicate Installate Usate Cercate Trovate Attivate Interrogate Allineate Firmate Inviate Scrivete Ripetete Eseguite", voi_start, " ")
    }
    /^msgid "/ { id = body($0); singular = id; next }
    # A plural entry: msgstr[0] is checked against msgid, the other forms against msgid_plural.
    /^msgid_plural "/ { plural = body($0); next }
    /^msgstr\[[0-9]+\] "/ {
      id = ($0 ~ /^msgstr\[0\]/) ? singular : plural
      sub(/^msgstr\[[0-9]+\]/, "msgstr")
    }
    /^msgstr "/ {
      str = body($0)
      line_no = NR
      if (id == "" || str == "") next
      checked++
      msg[id] = str
      where[id] = NR
      lid = tolower(id)
      if (match(lid, /lowest-preference|lowest preference|higher-preference|highest-preference/) && index(str, value[lang]) == 0)
        complain("MX preference: say \"" value[lang] "\" (the value, not the preference, is low or high)")
      if (lang in proper && index(str, proper[lang]) > 0) complain("\"" proper[lang] "\" means a proper noun; the name of the server itself is meant")
      if (lang == "es") {
        if (match(str, /rel(é|É)s?|REL(É|é)S?/)) complain("es: \"relé\" is an electrical relay; write \"relay\"")
        if (index(lid, "relay") > 0 && index(lid, "forward") == 0 && index(tolower(str), "reenv") > 0) complain("es: \"reenvío\" is forwarding; a relay is \"relay\"")
        if (match(str, /(^|[^A-Za-z])([Ee]l|[Dd]el|[Aa]l|[Ll]os) RFC/)) complain("es: RFC is feminine (\"la RFC\")")
      }
      if (lang == "it") {
        for (i = 1; i <= n_voi; i++)
          if (has_word(tolower(str), voi[i])) complain("it: \"" voi[i] "\" addresses the reader as voi; use Lei")
        for (i = 1; i <= n_voi_start; i++)
          if (match(str, "(^|[.;:!?] |\\()" voi_start[i] "([^A-Za-z]|$)")) complain("it: \"" voi_start[i] "\" addresses the reader as voi; use Lei")
        if (match(str, /(^|[^A-Za-z])[Rr]apport[oi]([^A-Za-z]|$)/)) complain("it: a report is \"report\", not \"rapporto\"")
      }
      if (lang == "de") {
        if (id == "warning" || id == "critical" || id == "info" || id == "ok" || id == "notice")
          if (!match(str, /^([A-Z]|Ä|Ö|Ü)/)) complain("de: severity badges are capitalised")
        if (index(str, "E-Mail") > 0) complain("de: the word is \"Mail\", not \"E-Mail\"")
        if (match(str, /geprüfte[smn]? TLS/)) complain("de: verified TLS is \"verifiziertes TLS\"")
        if (index(str, "Priorität") > 0 && index(lid, "priorit") == 0) complain("de: the MX preference is \"Präferenz\", not \"Priorität\"")
        if (has_word(str, "Subject") && index(str, "Subject Alternative Name") == 0) complain("de: \"Subject\" left in English (\"Inhaber\")")
      }
      if (lang == "fr") {
        problem = french_typography(str)
        if (problem != "") complain("fr: " problem)
      }
    }
    END {
      if (checked == 0) { printf "%s: no translated message found\n", file; exit 1 }
      # FAIL and the failures legend must not read like "Error".
      error_word = msg["Error: {message}"]
      sub(/(:| |\302\240).*$/, "", error_word)
      # Its stem, so that plurals collide too (Errore / Errori).
      error_full = error_word
      if (length(error_word) > 4) error_word = substr(error_word, 1, length(error_word) - 1)
      if (error_word != "") {
        split("FAIL|Failures: mail may not arrive, or not safely", verdicts, "|")
        for (k = 1; k <= 2; k++) {
          v = verdicts[k]
          if (v in msg && index(tolower(msg[v]), tolower(error_word)) > 0) {
            printf "%s:%d: \"%s\" uses the word for \"Error\" (%s); pick one that does not collide\n    msgstr: %s\n", file, where[v], v, error_full, msg[v]
            bad++
          }
        }
      }
      # One word for "Fix" on the page and in the terminal.
      if (("Fix" in msg) && ("Fix: {text}" in msg)) {
        fix_label = msg["Fix: {text}"]
        sub(/(:| |\302\240)*:? *\{text\}$/, "", fix_label)
        sub(/(\302\240| )+$/, "", fix_label)
        if (fix_label != msg["Fix"]) {
          printf "%s:%d: \"Fix\" is \"%s\" on the page but \"%s\" in the terminal\n", file, where["Fix: {text}"], msg["Fix"], fix_label
          bad++
        }
      }
      if (bad > 0) { printf "%s: %d glossary problem(s) in %d messages\n", file, bad, checked; exit 1 }
      printf "%s: glossary rules hold in %d messages\n", file, checked
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
