// See judge.hpp. Verdicts: the worst severity among the findings of an address, of an MX
// (its own and its addresses'), and of the whole domain.
#include "mxray/checks/judge.hpp"

#include <algorithm>

#include "mxray/checks/rules.hpp"
#include "mxray/checks/server_software.hpp"
#include "mxray/checks/software_fixes.hpp"
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
  }
  return "fail";
}

Verdict verdict_of(Severity worst) {
  if (worst == Severity::critical) return Verdict::fail;
  if (worst == Severity::warning) return Verdict::warn;
  return Verdict::pass;
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
    if (f.id == "smtp.unreachable" && std::find(nolisting_hosts.begin(), nolisting_hosts.end(), f.mx) != nolisting_hosts.end()) {
      const auto& d = definition("smtp.unreachable_nolisting");
      f.id = std::string(d.id);
      f.severity = d.severity;
      f.title = std::string(d.title);
      f.explanation = std::string(d.explanation);
      f.fix = std::string(d.fix);
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
  judge_dns(ev, list);
  for (const auto& mx : ev.mx) {
    judge_dane(ev, mx, list);
    for (const auto& a : mx.addresses) {
      judge_session(mx, a, options, list);
      judge_tls(mx, a, list);
      judge_certificate(mx, a, ev.checked_at_epoch, options, list);
      judge_commands(mx, a, list);
      judge_naming(mx, a, list);
      judge_relay(mx, a, list);
      const auto software = recognise_server(a);
      if (!software.id.empty()) {
        j.server_software[{mx.host, a.ip}] = {{"id", software.id}, {"name", software.name}, {"version", software.version},
                                              {"confidence", std::to_string(software.confidence)}, {"basis", software.basis}};
        list.add("smtp.software", mx.host, a.ip, N_("{name} {version}(confidence {confidence}%, from the {basis})"),
                 {{"name", software.name}, {"version", software.version.empty() ? "" : software.version + " "},
                  {"confidence", std::to_string(software.confidence)}, {"basis", software.basis}});
      }
    }
  }
  judge_mta_sts(ev, list);
  judge_tls_rpt(ev, list);
  judge_domain(ev, list);

  j.findings = std::move(list.items());
  refine(ev, j.findings);
  std::stable_sort(j.findings.begin(), j.findings.end(),
                   [](const Finding& a, const Finding& b) { return a.severity > b.severity; });

  Severity worst = Severity::ok;
  std::map<std::pair<std::string, std::string>, Severity> by_address;
  std::map<std::string, Severity> by_mx;
  for (const auto& mx : ev.mx) {
    by_mx[mx.host] = Severity::ok;
    for (const auto& a : mx.addresses) by_address[{mx.host, a.ip}] = Severity::ok;
  }
  for (const auto& f : j.findings) {
    worst = std::max(worst, f.severity);
    if (!f.mx.empty()) by_mx[f.mx] = std::max(by_mx[f.mx], f.severity);
    if (!f.ip.empty()) by_address[{f.mx, f.ip}] = std::max(by_address[{f.mx, f.ip}], f.severity);
  }
  for (const auto& [key, s] : by_address) j.address_verdicts[key] = verdict_of(s);
  for (const auto& [key, s] : by_mx) j.mx_verdicts[key] = verdict_of(s);
  j.verdict = verdict_of(worst);
  return j;
}

}  // namespace mxray::checks
