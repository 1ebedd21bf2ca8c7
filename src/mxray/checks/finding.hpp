// What the judge produces: findings (id, severity, where, what was seen, why it matters,
// how to fix it) and the verdicts derived from them per address, per MX and for the domain.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mxray::checks {

/// How bad a finding is. Order matters: later is worse.
enum class Severity { ok, info, warning, critical };

std::string_view to_string(Severity severity);

/// One finding about the domain, an MX host or one address of it.
struct Finding {
  std::string id;
  Severity severity = Severity::info;
  std::string mx;           // empty for domain-wide findings
  std::string ip;           // empty for domain- or MX-wide findings
  std::string title;
  std::string detail;       // what was observed here (English)
  std::string detail_template;  // the msgid `detail` was made from, with {placeholders}
  std::vector<std::pair<std::string, std::string>> detail_args;  // their values
  std::string explanation;  // why it matters
  std::string fix;
};

/// pass, warn or fail.
enum class Verdict { pass, warn, fail };

std::string_view to_string(Verdict verdict);
Verdict verdict_of(Severity worst);

/// The judge's output for one domain.
struct Judgement {
  std::vector<Finding> findings;                                  // worst first
  std::map<std::pair<std::string, std::string>, Verdict> address_verdicts;  // (mx, ip)
  std::map<std::string, Verdict> mx_verdicts;
  std::map<std::pair<std::string, std::string>, std::map<std::string, std::string>> server_software;  // (mx, ip) -> facts
  Verdict verdict = Verdict::pass;
};

}  // namespace mxray::checks
