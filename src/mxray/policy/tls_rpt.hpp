// The TLS-RPT record (RFC 8460 section 3) at _smtp._tls.<domain>: "v=TLSRPTv1;" and a rua=
// field of comma-separated mailto: or https: URIs. Input is untrusted TXT text, already bounded.
#pragma once

#include <string>
#include <vector>

#include "mxray/report/evidence.hpp"

namespace mxray::policy {

/// Evaluates the TXT records into `rpt` (rpt_records, rua, error, detail).
void evaluate_tls_rpt(const std::vector<std::string>& records, report::TlsRptEvidence& rpt);

/// Why `uri` is not a usable rua URI (mailto:local@domain or https://host/...), as a code
/// (rua_mailto_address, rua_mailto_domain, rua_https_host, rua_scheme), or "".
std::string rua_problem(const std::string& uri);

}  // namespace mxray::policy
