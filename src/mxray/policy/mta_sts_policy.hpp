// The MTA-STS policy file (RFC 8461 section 3.2) and the _mta-sts TXT record (section 3.1).
// Input is an untrusted body of at most Limits::max_policy_bytes; at most max_policy_lines lines
// are looked at, and line text kept in the evidence is cut and escaped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mxray/report/evidence.hpp"

namespace mxray::policy {

/// RFC 8461 3.2: max_age is at most 31557600 seconds (one year).
inline constexpr long long kMaxPolicyAge = 31'557'600;

/// Parses a policy body with CRLF or LF line ends.
report::MtaStsPolicy parse_policy(std::string_view body, std::size_t max_lines);

/// Evaluates the TXT records of _mta-sts.<domain> into `sts` (sts_records, id, txt_error, txt_detail).
void evaluate_sts_txt(const std::vector<std::string>& records, report::MtaStsEvidence& sts);

}  // namespace mxray::policy
