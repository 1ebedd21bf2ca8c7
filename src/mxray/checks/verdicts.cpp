// See verdicts.hpp. A step with a finding takes the finding's status (the highest when several);
// a step without one is ok when the evidence shows it was carried out, else not tested. A place
// is verified when an SMTP server there completed a 220 greeting (a null MX: its DNS answer).
#include "mxray/checks/verdicts.hpp"

#include <algorithm>

#include "mxray/checks/rules.hpp"
#include "mxray/checks/status.hpp"

namespace mxray::checks {
namespace {

template <std::size_t N>
StepStatuses blank(const std::array<std::string_view, N>& steps) {
  StepStatuses s;
  for (const auto step : steps) s[std::string(step)] = Status::not_tested;
  return s;
}

void raise(Status& s, Status to) { s = std::max(s, to); }

Status worst_of(const StepStatuses& steps) {
  Status w = Status::not_tested;
  for (const auto& [name, s] : steps) raise(w, s);
  return w;
}

// What the evidence shows was done without a finding saying otherwise.
StepStatuses carried_out(const report::AddressEvidence& a, const Judgement& j, const std::string& host) {
  auto s = blank(kAddressSteps);
  if (a.connect.ok) s["connect"] = Status::ok;
  if (answers(a)) s["greeting"] = Status::ok;
  if (a.ehlo.sent && a.ehlo.error.empty() && a.ehlo.code == 250) s["ehlo"] = Status::ok;
  if (a.starttls.ok) s["starttls"] = Status::ok;
  if (a.starttls.ok && a.certificate.present) s["certificate"] = Status::ok;
  if ((a.vrfy.sent && a.vrfy.code != 0) || (a.expn.sent && a.expn.code != 0)) s["vrfy_expn"] = Status::ok;
  for (const auto& m : j.mta_sts_mx) {
    // An address verified under an MX that senders will not use (not listed in enforce) is no tick.
    if (m.host != host || (m.consequence != "deliver" && m.consequence != "report_only")) continue;
    for (const auto& o : m.addresses) {
      if (o.ip == a.ip && o.outcome == "verified") s["mta_sts"] = Status::ok;
    }
  }
  return s;
}

}  // namespace

void derive_verdicts(const report::DomainEvidence& ev, Judgement& j) {
  j.address_steps.clear();
  j.mx_steps.clear();
  j.address_verdicts.clear();
  j.mx_verdicts.clear();
  j.domain_steps = blank(kDomainSteps);
  if (ev.null_mx || !ev.mx.empty()) j.domain_steps["dns"] = Status::ok;
  if (!ev.tls_rpt.rpt_records.empty() || !ev.tls_rpt.rua.empty()) j.domain_steps["tls_rpt"] = Status::ok;
  // --submission: one more domain step, and a status per service ("host:port").
  j.submission_status.clear();
  if (ev.submission.checked) {
    j.domain_steps["submission"] = Status::ok;
    for (const auto& s : ev.submission.services)
      j.submission_status[s.host + ":" + std::to_string(s.port)] = Status::ok;
  }

  std::map<std::pair<std::string, std::string>, Status> address_worst;
  std::map<std::string, Status> mx_worst;
  Status domain_worst = Status::not_tested;
  for (const auto& mx : ev.mx) {
    auto& ms = j.mx_steps[mx.host] = blank(kMxSteps);
    if (!mx.addresses.empty()) ms["dns"] = Status::ok;
    for (const auto& m : j.mta_sts_mx) {
      if (m.host == mx.host && m.consequence == "deliver") ms["mta_sts"] = Status::ok;
    }
    for (const auto& a : mx.addresses) j.address_steps[{mx.host, a.ip}] = carried_out(a, j, mx.host);
  }
  for (const auto& f : j.findings) {
    const std::string& step = f.step;  // step_of(f), unless the rule put it at another step
    raise(domain_worst, f.status);
    if (step == "submission") {
      if (auto it = j.domain_steps.find(step); it != j.domain_steps.end()) raise(it->second, f.status);
      if (auto it = j.submission_status.find(f.mx); it != j.submission_status.end()) raise(it->second, f.status);
      continue;
    }
    if (f.mx.empty()) {
      if (auto it = j.domain_steps.find(step); it != j.domain_steps.end()) raise(it->second, f.status);
      continue;
    }
    raise(mx_worst[f.mx], f.status);
    if (f.ip.empty()) {
      if (auto mx = j.mx_steps.find(f.mx); mx != j.mx_steps.end()) {
        if (auto it = mx->second.find(step); it != mx->second.end()) raise(it->second, f.status);
      }
      continue;
    }
    raise(address_worst[{f.mx, f.ip}], f.status);
    if (auto a = j.address_steps.find({f.mx, f.ip}); a != j.address_steps.end()) {
      if (auto it = a->second.find(step); it != a->second.end()) raise(it->second, f.status);
    }
  }

  bool domain_verified = ev.null_mx;
  for (const auto& mx : ev.mx) {
    bool mx_verified = false;
    Status mw = std::max(mx_worst[mx.host], worst_of(j.mx_steps[mx.host]));
    for (const auto& a : mx.addresses) {
      const std::pair key{mx.host, a.ip};
      const Status aw = std::max(address_worst[key], worst_of(j.address_steps[key]));
      j.address_verdicts[key] = verdict_of(aw, answers(a));
      mx_verified = mx_verified || answers(a);
      raise(mw, aw);
    }
    j.mx_verdicts[mx.host] = verdict_of(mw, mx_verified);
    domain_verified = domain_verified || mx_verified;
    raise(domain_worst, mw);
  }
  raise(domain_worst, worst_of(j.domain_steps));
  j.verdict = verdict_of(domain_worst, domain_verified);
}

}  // namespace mxray::checks
