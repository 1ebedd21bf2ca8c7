// What an MTA-STS policy means per MX and address (RFC 8461 sections 4 and 5): whether the MX
// matches a pattern and whether each probed address offers TLS that a policy-honouring sender
// accepts. Pure: evidence in, evidence.mta_sts.mx out.
#pragma once

#include "mxray/report/evidence.hpp"

namespace mxray::policy {

/// True when the policy is announced (one valid TXT record), fetched and valid.
bool policy_in_force(const report::MtaStsEvidence& sts);

/// Why a sender honouring MTA-STS would refuse `address` of `mx`, or "" (also "" when not probed).
std::string tls_failure(const report::MxEvidence& mx, const report::AddressEvidence& address);

/// Fills evidence.mta_sts.mx from the policy and the probes.
void evaluate_mx(report::DomainEvidence& evidence);

}  // namespace mxray::policy
