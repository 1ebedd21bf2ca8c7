// What the judge produces: findings (id, severity, where, what was seen, why it matters,
// how to fix it) and the verdicts derived from them per address, per MX and for the domain.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mxray/i18n/translate.hpp"

namespace mxray::checks {

/// How bad a finding is. Order matters: later is worse.
enum class Severity { ok, info, warning, critical };

std::string_view to_string(Severity severity);

/// What mxray can say about one step (status.hpp has the rule). Order matters: later
/// outranks earlier when statuses are combined.
enum class Status { not_tested, ok, info, inconclusive, warning, critical };

/// One finding about the domain, an MX host or one address of it.
struct Finding {
  std::string id;
  Severity severity = Severity::info;
  std::string mx;  // empty for domain-wide findings
  std::string ip;  // empty for domain- or MX-wide findings
  std::string title;
  std::string detail;            // what was observed here (English)
  i18n::Message detail_message;  // what `detail` was made from, rendered in the report's language
  std::string explanation;       // why it matters
  std::string fix;
  std::string step;              // the step it belongs to (status.hpp), "" for the whole place
  Status status = Status::info;  // what it says about that step
};

/// pass, warn, fail, or inconclusive (nothing could be verified).
enum class Verdict { pass, warn, fail, inconclusive };

std::string_view to_string(Verdict verdict);

/// Step name -> status, for one address, one MX or the domain.
using StepStatuses = std::map<std::string, Status>;

/// What an MTA-STS policy means for one address of a listed MX (RFC 8461 section 4.2).
struct MtaStsAddressOutcome {
  std::string ip;
  std::string outcome;  // verified | failed | not_verified
  std::string why;      // for failed / not_verified: what was seen
};

/// What an MTA-STS policy means for one MX, as the judge reads the evidence.
struct MtaStsMxOutcome {
  std::string host;
  std::string consequence;  // deliver | will_not_deliver | report_only | not_verified | not_applied
  std::vector<MtaStsAddressOutcome> addresses;
};

/// The judge's output for one domain.
struct Judgement {
  std::vector<Finding> findings;                                            // worst first
  std::map<std::pair<std::string, std::string>, Verdict> address_verdicts;  // (mx, ip)
  std::map<std::string, Verdict> mx_verdicts;
  std::map<std::pair<std::string, std::string>, StepStatuses> address_steps;  // (mx, ip) -> every step
  std::map<std::string, StepStatuses> mx_steps;                               // host -> every MX step
  StepStatuses domain_steps;                                                  // with --submission, also "submission"
  std::map<std::string, Status> submission_status;                            // "host:port" -> worst of its findings
  std::vector<MtaStsMxOutcome> mta_sts_mx;                                    // per MX, when a policy was parsed
  std::map<std::pair<std::string, std::string>, std::map<std::string, std::string>>
      server_software;  // (mx, ip) -> facts
  Verdict verdict = Verdict::pass;
  long long as_of_epoch = 0;  // the moment judged: the check time, or the one given with --at
};

}  // namespace mxray::checks
