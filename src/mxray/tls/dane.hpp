// DANE for SMTP (RFC 7672) with OpenSSL's verifier: the TLSA records of an MX are loaded into
// the probe's own handshake, and afterwards the outcome is read back. The presented chain is
// untrusted; only records marked usable (usage 2/3) are handed to OpenSSL.
#pragma once

#include <openssl/ssl.h>

#include <string>

#include "mxray/report/evidence.hpp"

namespace mxray::tls {

/// Enables DANE on `ssl` before the handshake with `dane`'s usable records; DANE-TA names are
/// checked against the TLSA base domain and `mx_host` (RFC 7672 3.2.2). Returns an error text or "".
std::string enable_dane(SSL* ssl, const report::DaneEvidence& dane, const std::string& mx_host);

/// After the handshake: which record OpenSSL matched and at which depth, or why none did, and
/// which presented certificate each record matches.
report::DaneAddressResult dane_result(SSL* ssl, const report::DaneEvidence& dane);

/// Whether `record` matches `cert` (selector and matching type applied).
bool tlsa_matches(const report::TlsaRecord& record, X509* cert);

}  // namespace mxray::tls
