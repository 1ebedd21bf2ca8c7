// The certificate about to be deployed (--next-cert FILE): read from a local PEM file (leaf
// first, then its chain), matched against each MX's published TLSA records and MX name.
// The file is the user's, still read with bounds: Limits::max_chain_certs, max_cert_bytes.
#pragma once

#include <string>
#include <vector>

#include "mxray/core/limits.hpp"
#include "mxray/report/evidence.hpp"

namespace mxray::tls {

/// Reads `file` and records, per MX of `mx`, which SAN covers its name and which TLSA record
/// matches which certificate of the file (never an error: a bad file is recorded as one).
report::NextCertificateEvidence read_next_certificate(const std::string& file,
                                                      const std::vector<report::MxEvidence>& mx,
                                                      const core::Limits& limits);

}  // namespace mxray::tls
