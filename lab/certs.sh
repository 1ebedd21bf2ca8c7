#!/usr/bin/env bash
# certs.sh OUTDIR: makes the lab's certificates with the openssl CLI: a root CA ("mxray Lab
# Root CA"), an intermediate CA, and one leaf per scenario (see lab/README.md). Idempotent:
# a complete, still-valid set made by this same script is left alone; otherwise it is remade.
set -euo pipefail

out=${1:?usage: certs.sh OUTDIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
[[ $out != / ]] || { echo "certs.sh: refusing to use / as OUTDIR" >&2; exit 2; }

leaves=(good frontends multiline implicit backup twomx relay slow expired mismatch selfsigned nochain
        oldtls notyet expiring
        postfix postfix-relay postfix-legacy exim opensmtpd dane mtasts stsuntrusted submit scan)
stamp=$(sha256sum "${BASH_SOURCE[0]}" | cut -d' ' -f1)

up_to_date() {
  [[ -f $out/.stamp && $(cat "$out/.stamp") == "$stamp" ]] || return 1
  local name
  for name in ca intermediate "${leaves[@]}"; do
    [[ -s $out/$name.pem && -s $out/$name.key ]] || return 1
  done
  # Leaves valid "now" must stay so for a day; "expiring" must still have 9 days left.
  openssl x509 -checkend 86400 -noout -in "$out/good.pem" >/dev/null &&
    openssl x509 -checkend $((9 * 86400)) -noout -in "$out/expiring.pem" >/dev/null
}

if up_to_date; then
  echo "certs.sh: certificates in $out are up to date"
  exit 0
fi

rm -rf "$out/.ca" "$out/.stamp"
for name in ca intermediate "${leaves[@]}"; do rm -f "$out/$name.pem" "$out/$name.key"; done
work=$out/.ca
mkdir -p "$work/newcerts"
: >"$work/index.txt"
openssl rand -hex 12 >"$work/serial"

cat >"$work/openssl.cnf" <<CNF
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
[ root_ext ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ intermediate_ext ]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ leaf_ext ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = \$ENV::LEAF_SAN
[ selfsigned_ext ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectKeyIdentifier = hash
subjectAltName = \$ENV::LEAF_SAN
[ ca ]
default_ca = lab_ca
[ lab_ca ]
database = $work/index.txt
new_certs_dir = $work/newcerts
serial = $work/serial
certificate = $out/intermediate.pem
private_key = $out/intermediate.key
default_md = sha256
policy = policy_any
unique_subject = no
email_in_dn = no
copy_extensions = none
[ policy_any ]
commonName = supplied
organizationName = optional
CNF
export OPENSSL_CONF=$work/openssl.cnf LEAF_SAN=DNS:unused.test

ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
rsa_key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }
serial() { echo "0x$(openssl rand -hex 12)"; }

# Root and intermediate CAs.
ec_key "$out/ca.key"
openssl req -x509 -new -sha256 -key "$out/ca.key" -days 3650 -set_serial "$(serial)" \
  -subj "/O=mxray lab/CN=mxray Lab Root CA" -extensions root_ext -out "$out/ca.pem"
ec_key "$out/intermediate.key"
openssl req -new -sha256 -key "$out/intermediate.key" \
  -subj "/O=mxray lab/CN=mxray Lab Intermediate CA" -out "$work/intermediate.csr"
openssl x509 -req -sha256 -in "$work/intermediate.csr" -CA "$out/ca.pem" -CAkey "$out/ca.key" \
  -set_serial "$(serial)" -days 1825 -extfile "$work/openssl.cnf" -extensions intermediate_ext \
  -out "$out/intermediate.pem" 2>/dev/null

# leaf NAME KEYTYPE "dns1 dns2" [openssl ca date options...]: leaf signed by the intermediate.
leaf() {
  local name=$1 type=$2 names=$3
  shift 3
  local san="" dns
  for dns in $names; do san+=${san:+,}DNS:$dns; done
  "${type}_key" "$out/$name.key"
  openssl req -new -sha256 -key "$out/$name.key" -subj "/CN=${names%% *}" -out "$work/$name.csr"
  LEAF_SAN=$san openssl ca -batch -notext -rand_serial -in "$work/$name.csr" \
    -extensions leaf_ext "$@" -out "$work/$name.crt" 2>"$work/$name.err" ||
    { cat "$work/$name.err" >&2; exit 1; }
}

leaf good rsa "mx1.good.test" -days 365
leaf multiline ec "mx.multiline.test" -days 365
leaf implicit ec "implicit.test" -days 365
leaf backup ec "mx2.backup.test" -days 365
leaf twomx ec "mx1.twomx.test mx2.twomx.test mx1.slowfour.test mx2.slowfour.test" -days 365
leaf relay ec "mx.openrelay.test" -days 365
leaf slow ec "mx.slow.test" -days 365
leaf expired ec "mx.expired.test" -startdate 20200101000000Z -enddate 20210101000000Z
leaf mismatch ec "mx.someoneelse.test" -days 365
leaf nochain ec "mx.nochain.test" -days 365
leaf oldtls rsa "mx.oldtls.test" -days 365
leaf notyet ec "mx.notyet.test" -startdate 20300101000000Z -enddate 20310101000000Z
leaf expiring ec "mx.expiring.test" -days 10
# Mail submission (--submission) and the diff test's change.test.
leaf submit ec "implicit.submit.test starttls.submit.test smtp.submit-authplain.test smtp.submit-guess.test smtp.submit-relay.test smtp.submit-plain465.test dane465.submit.test dane587.submit.test smtp.submit-legacy.test mx.change.test" -days 365
# mxray scan: the generated scan-NNN.test domains share four servers, each under several MX names.
leaf scan ec "*.scan.test" -days 365
# The real MTAs of lab/mta/ (exim's self-signed certificate is made below).
leaf postfix ec "mx.postfix.test" -days 365
leaf postfix-relay ec "mx.postfix-relay.test" -days 365
leaf postfix-legacy rsa "mx.wrongname.test" -days 365
# The anti-spam front ends (lab/frontends.json and the postscreen, greylisting and Exim instances).
leaf frontends ec "*.frontends.test" -days 365
leaf opensmtpd rsa "mx.opensmtpd.test" -startdate 20200101000000Z -enddate 20210101000000Z
# DANE (TLSA records are computed from these at lab start) and the MTA-STS policy hosts.
leaf dane ec "*.dane.test mx.insecure.test" -days 365
sts_names=""
for d in enforce unlisted badcert testing none redirect ctype big untrusted malformed notxt nopolicy dane down; do
  sts_names+=" mta-sts.sts-$d.test"
done
leaf mtasts ec "${sts_names# }" -days 365

# Chains as the servers send them: leaf first, then the intermediate; nochain sends the leaf only.
for name in "${leaves[@]}"; do
  case $name in
    selfsigned | exim | stsuntrusted) ;;
    nochain) cp "$work/$name.crt" "$out/$name.pem" ;;
    *) cat "$work/$name.crt" "$out/intermediate.pem" >"$out/$name.pem" ;;
  esac
done

# self_signed NAME KEYTYPE DNSNAME
self_signed() {
  "${2}_key" "$out/$1.key"
  LEAF_SAN=DNS:$3 openssl req -x509 -new -sha256 -key "$out/$1.key" \
    -days 365 -set_serial "$(serial)" -subj "/CN=$3" -extensions selfsigned_ext \
    -out "$out/$1.pem"
}
self_signed selfsigned ec mx.selfsigned.test
self_signed exim rsa mx.exim.test
self_signed stsuntrusted ec mta-sts.sts-untrusted.test

chmod 600 "$out"/*.key
echo "$stamp" >"$out/.stamp"
echo "certs.sh: made CA, intermediate and ${#leaves[@]} leaf certificates in $out"
