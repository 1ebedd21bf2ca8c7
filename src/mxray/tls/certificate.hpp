// Certificate facts (subject, issuer, dates, SANs, key, signature, fingerprint) and chain
// verification against a trust store, from the chain an untrusted server presented.
// Bounded by Limits::max_chain_certs and max_cert_bytes.
#pragma once

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <string>
#include <vector>

#include "mxray/core/limits.hpp"
#include "mxray/report/evidence.hpp"

namespace mxray::tls {

/// Facts about one certificate; at most `max_san_names` SANs are kept (san_count tells all).
report::CertificateFacts certificate_facts(X509* cert, std::size_t max_san_names = core::Limits{}.max_san_names);

/// Everything about the chain `ssl` received: facts, trust, name match against the first of
/// `names` that matches (the MX host, then its CNAME target), days left at `now` (epoch seconds).
/// Every name of `names` and `other_names` that matches is listed in name_matches.
report::CertificateEvidence inspect_chain(SSL* ssl, X509_STORE* trust_store, const std::vector<std::string>& names,
                                          long long now, const core::Limits& limits,
                                          const std::vector<std::string>& other_names = {});

}  // namespace mxray::tls
