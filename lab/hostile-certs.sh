#!/usr/bin/env bash
# hostile-certs.sh OUTDIR: certificates of the hostile lab servers (lab/hostile.json), signed
# by the lab's intermediate CA that lab/certs.sh made in OUTDIR: a plain "*.hostile.test"
# leaf, the same leaf followed by 49 copies of the intermediate (a chain of 50), a ~90 KB
# leaf (one large private extension) and a leaf with 5,000 subjectAltNames, the MX name last.
set -euo pipefail
out=${1:?usage: hostile-certs.sh OUTDIR}
[[ -s $out/intermediate.pem && -s $out/intermediate.key ]] || { echo "hostile-certs.sh: run certs.sh first" >&2; exit 1; }
stamp="$(sha256sum "${BASH_SOURCE[0]}" | cut -d' ' -f1) $(sha256sum "$out/intermediate.pem" | cut -d' ' -f1)"
if [[ -f $out/.hostile-stamp && $(cat "$out/.hostile-stamp") == "$stamp" ]] &&
   openssl x509 -checkend 86400 -noout -in "$out/hostile.pem" >/dev/null 2>&1; then
  echo "hostile-certs.sh: up to date"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# sign NAME KEYFILE EXTFILE: a leaf for NAME's key, one year, signed by the intermediate.
sign() {
  openssl req -new -sha256 -key "$2" -subj "/CN=$1" -out "$work/req.csr" 2>/dev/null
  openssl x509 -req -sha256 -in "$work/req.csr" -CA "$out/intermediate.pem" -CAkey "$out/intermediate.key" \
    -set_serial "0x$(openssl rand -hex 12)" -days 365 -extfile "$3" -out "$work/leaf.crt" 2>/dev/null
}
base='basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth'

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$out/hostile.key" 2>/dev/null
printf '%s\nsubjectAltName = DNS:*.hostile.test\n' "$base" >"$work/plain.ext"
sign "*.hostile.test" "$out/hostile.key" "$work/plain.ext"
cat "$work/leaf.crt" "$out/intermediate.pem" >"$out/hostile.pem"
{ cat "$work/leaf.crt"; for _ in $(seq 49); do cat "$out/intermediate.pem"; done; } >"$out/longchain.pem"

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$out/bigleaf.key" 2>/dev/null
{ printf '%s\nsubjectAltName = DNS:*.hostile.test\n' "$base"
  printf '1.3.6.1.4.1.55555.1 = ASN1:FORMAT:HEX,OCTETSTRING:'
  head -c 90000 /dev/zero | od -An -v -tx1 | tr -d ' \n'
  echo; } >"$work/big.ext"
sign "mx-bigleaf.hostile.test" "$out/bigleaf.key" "$work/big.ext"
cat "$work/leaf.crt" "$out/intermediate.pem" >"$out/bigleaf.pem"

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$out/manysans.key" 2>/dev/null
{ printf '%s\nsubjectAltName = ' "$base"
  for i in $(seq 4999); do printf 'DNS:s%d.t,' "$i"; done
  echo 'DNS:mx-manysans.hostile.test'; } >"$work/many.ext"
sign "mx-manysans.hostile.test" "$out/manysans.key" "$work/many.ext"
cat "$work/leaf.crt" "$out/intermediate.pem" >"$out/manysans.pem"

chmod 600 "$out"/hostile.key "$out"/bigleaf.key "$out"/manysans.key
echo "$stamp" >"$out/.hostile-stamp"
echo "hostile-certs.sh: made hostile, longchain (50), bigleaf ($(openssl x509 -in "$out/bigleaf.pem" -outform DER | wc -c) bytes), manysans (5000 SANs)"
