// The problems the MTA-STS and TLS-RPT parsers record as codes (policy/), as messages in the
// reader's language. Evidence saved before the codes holds English sentences: an unknown code
// is shown as it is.
#pragma once

#include <string_view>

#include "mxray/i18n/translate.hpp"
#include "mxray/report/evidence.hpp"

namespace mxray::checks {

/// One policy-level problem of an MTA-STS policy (MtaStsPolicy::errors).
i18n::Message sts_policy_error(std::string_view code, const report::MtaStsPolicy& policy);

/// Every policy-level problem, joined with "; ".
i18n::Message sts_policy_errors(const report::MtaStsPolicy& policy);

/// What is wrong with one line of a policy (PolicyLineProblem::problem).
i18n::Message sts_line_problem(std::string_view code);

/// The malformed lines of a policy, one a line: 'line {n} "{text}": {problem}'.
i18n::Message sts_bad_lines(const report::MtaStsPolicy& policy);

/// What is wrong with the _mta-sts TXT records (txt_detail).
i18n::Message sts_txt_problem(const report::MtaStsEvidence& sts);

/// Why the MTA-STS policy fetch failed, worded from its error_kind and the fields beside it;
/// errors the system words (connect, TLS, HTTP reading) stay as written.
i18n::Message policy_fetch_error(const report::PolicyFetch& fetch);

/// What is wrong with the _smtp._tls TXT records (detail).
i18n::Message tls_rpt_problem(const report::TlsRptEvidence& rpt);

}  // namespace mxray::checks
