// What an MTA-STS policy means per MX and per address (RFC 8461 sections 4 and 5), decided
// from the evidence: an address is verified (TLS a policy-honouring sender accepts was seen),
// failed (such a sender refuses it), or not verified (mxray never got that far). Pure.
#pragma once

#include <string>
#include <vector>

#include "mxray/checks/finding.hpp"
#include "mxray/report/evidence.hpp"

namespace mxray::checks {

/// True when the policy is announced (one valid TXT record), fetched and valid.
bool policy_in_force(const report::MtaStsEvidence& sts);

/// True when a pattern of the parsed policy matches `mx_host`.
bool sts_listed(const report::DomainEvidence& evidence, const std::string& mx_host);

/// True when `mx` is listed by a policy in force in mode enforce.
bool sts_enforced_for(const report::DomainEvidence& evidence, const std::string& mx_host);

/// The outcome of one address: verified, failed (with why) or not_verified (with why).
MtaStsAddressOutcome sts_outcome(const report::MxEvidence& mx, const report::AddressEvidence& address);

/// Per MX of the evidence (when a policy was parsed): the consequence and every address's outcome.
std::vector<MtaStsMxOutcome> mta_sts_outcomes(const report::DomainEvidence& evidence);

}  // namespace mxray::checks
