// See judge.hpp. The rule families add findings; refine() lets one finding change another;
// certificates are weighed by how senders authenticate; derive_verdicts() gives every step its
// status and every place its verdict (status.hpp has the rule).
#include "mxray/checks/judge.hpp"

#include <algorithm>

#include "mxray/checks/mta_sts_outcome.hpp"
#include "mxray/checks/rules.hpp"
#include "mxray/checks/server_software.hpp"
#include "mxray/checks/software_fixes.hpp"
#include "mxray/checks/status.hpp"
#include "mxray/checks/verdicts.hpp"
#include "mxray/i18n/translate.hpp"

namespace mxray::checks {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::ok: return N_("ok");
    case Severity::info: return N_("info");
    case Severity::warning: return N_("warning");
    case Severity::critical: return N_("critical");
  }
  return "info";
}

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::pass: return "pass";
    case Verdict::warn: return "warn";
    case Verdict::fail: return "fail";
    case Verdict::inconclusive: return "inconclusive";
  }
  return "fail";
}

namespace {

// Second pass over the findings, where one finding changes another: an unreachable primary
// under nolisting is information, not a failure; a recognised server gets its own fixes.
void refine(const report::DomainEvidence& ev, std::vector<Finding>& findings) {
  std::vector<std::string> nolisting_hosts;
  for (const auto& f : findings) {
    if (f.id == "domain.nolisting") nolisting_hosts.push_back(f.mx);
  }
  std::map<std::pair<std::string, std::string>, std::string> software;
  for (const auto& mx : ev.mx) {
    for (const auto& a : mx.addresses) {
      const auto s = recognise_server(a);
      if (s.confidence >= 50) software[{mx.host, a.ip}] = s.id;
    }
  }
  for (auto& f : findings) {
    if (f.id == "smtp.unreachable" &&
        std::find(nolisting_hosts.begin(), nolisting_hosts.end(), f.mx) != nolisting_hosts.end()) {
      const auto& d = definition("smtp.unreachable_nolisting");
      f.id = std::string(d.id);
      f.severity = d.severity;
      f.title = std::string(d.title);
      f.explanation = std::string(d.explanation);
      f.fix = std::string(d.fix);
      f.status = status_of(f);
    }
    if (const auto it = software.find({f.mx, f.ip}); it != software.end()) {
      if (const auto fix = software_fix(f.id, it->second); !fix.empty()) f.fix = std::string(fix);
    }
  }
}

}  // namespace

Judgement judge(const report::DomainEvidence& ev, const JudgeOptions& options) {
  Judgement j;
  FindingList list;
  // --at judges the same evidence as of another moment (what will have expired by then).
  const long long now = options.at_epoch != 0 ? options.at_epoch : ev.checked_at_epoch;
  j.as_of_epoch = now;
  j.mta_sts_mx = mta_sts_outcomes(ev);
  judge_target(ev, list);
  judge_dns(ev, list);
  for (const auto& mx : ev.mx) {
    judge_dane(ev, mx, list);
    for (const auto& a : mx.addresses) {
      judge_session(ev, mx, a, options, list);
      judge_front_end(mx, a, options, list);
      judge_tls(mx, a, list);
      judge_certificate(mx, a, now, options, list);
      judge_commands(mx, a, list);
      judge_naming(mx, a, list);
      judge_relay(mx, a, list);
      judge_dnsbl(mx, a, list);
      const auto software = recognise_server(a);
      if (!software.id.empty()) {
        j.server_software[{mx.host, a.ip}] = {{"id", software.id},
                                              {"name", software.name},
                                              {"version", software.version},
                                              {"confidence", std::to_string(software.confidence)},
                                              {"basis", software.basis}};
        list.add("smtp.software", mx.host, a.ip, N_("{name} {version}(confidence {confidence}%, from the {basis})"),
                 {{"name", software.name},
                  {"version", software.version.empty() ? "" : software.version + " "},
                  {"confidence", std::to_string(software.confidence)},
                  {"basis", software.basis}});
      }
    }
  }
  judge_mta_sts(ev, j.mta_sts_mx, list);
  judge_tls_rpt(ev, list);
  judge_domain(ev, list);
  judge_vantage(ev, list);
  judge_expiry(ev, now, options, list);
  judge_dnsbl_plan(ev, list);
  judge_next_certificate(ev, now, list);
  judge_submission(ev, now, list);

  j.findings = std::move(list.items());
  refine(ev, j.findings);
  weigh_certificates(ev, j.findings);
  std::stable_sort(j.findings.begin(), j.findings.end(),
                   [](const Finding& a, const Finding& b) { return a.severity > b.severity; });

  derive_verdicts(ev, j);
  return j;
}

}  // namespace mxray::checks
