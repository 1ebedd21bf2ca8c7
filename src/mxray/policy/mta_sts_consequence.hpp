// Which MX hosts an MTA-STS policy lists (RFC 8461 section 4.1): the raw pattern match per MX.
// What that means for senders (verified, refused, not verified) is the judge's decision
// (checks/mta_sts_outcome.hpp). Pure: evidence in, evidence.mta_sts.mx out.
#pragma once

#include "mxray/report/evidence.hpp"

namespace mxray::policy {

/// Fills evidence.mta_sts.mx: per MX host, whether a pattern of the parsed policy matches it.
void evaluate_mx(report::DomainEvidence& evidence);

}  // namespace mxray::policy
