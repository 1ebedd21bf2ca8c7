// See judge.hpp. Verdicts: the worst severity among the findings of an address, of an MX
// (its own and its addresses'), and of the whole domain.
#include "mxray/checks/judge.hpp"

#include <algorithm>

#include "mxray/checks/rules.hpp"
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

Judgement judge(const report::DomainEvidence& ev, const JudgeOptions& options) {
  FindingList list;
  judge_dns(ev, list);
  for (const auto& mx : ev.mx) {
    for (const auto& a : mx.addresses) {
      judge_session(mx, a, options, list);
      judge_tls(mx, a, list);
      judge_certificate(mx, a, ev.checked_at_epoch, options, list);
      judge_relay(mx, a, list);
    }
  }
  judge_domain(ev, list);

  Judgement j;
  j.findings = std::move(list.items());
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
