// See probe_outcome.hpp. The answers reuse the rules the judge applies (answers(),
// dane_applies() as recorded by the probe, the relay.open finding), so the exporter and the
// report never disagree.
#include "mxray/checks/probe_outcome.hpp"

#include "mxray/checks/rules.hpp"

namespace mxray::checks {
namespace {

bool has_finding(const Judgement& j, std::string_view id, const std::string& mx, const std::string& ip) {
  for (const auto& f : j.findings) {
    if (f.id == id && f.mx == mx && f.ip == ip) return true;
  }
  return false;
}

// RFC 8461 section 3.2: the three modes; anything else written in the policy is invalid.
std::string mode_of(const report::MtaStsPolicy& policy) {
  if (!policy.parsed) return "";
  if (policy.valid && (policy.mode == "enforce" || policy.mode == "testing" || policy.mode == "none")) {
    return policy.mode;
  }
  return "invalid";
}

}  // namespace

ProbeOutcome probe_outcome(const report::DomainEvidence& ev, const Judgement& j) {
  ProbeOutcome out;
  out.verdict = j.verdict;
  out.success = j.verdict == Verdict::pass || j.verdict == Verdict::warn;
  for (const auto& mx : ev.mx) {
    for (const auto& a : mx.addresses) {
      AddressOutcome o;
      o.mx = mx.host;
      o.ip = a.ip;
      o.session = &a;
      o.probed = a.allowed && a.connect.attempted;
      o.connected = a.connect.ok;
      o.greeted = answers(a);
      o.starttls_offered = a.starttls.offered;
      o.starttls = a.starttls.ok;
      o.certificate_trusted = a.certificate.present && a.certificate.trusted;
      o.certificate_name_match = a.certificate.present && a.certificate.hostname_match;  // as seen from this MX
      if (mx.dane.applies && a.dane.checked) o.dane_match = a.dane.matched;
      if (a.relay.tested && !a.relay.attempts.empty()) o.open_relay = has_finding(j, "relay.open", mx.host, a.ip);
      const auto verdict = j.address_verdicts.find({mx.host, a.ip});
      if (verdict != j.address_verdicts.end()) o.verdict = verdict->second;
      out.addresses.push_back(std::move(o));
    }
  }
  out.mta_sts_mode = mode_of(ev.mta_sts.policy);
  if (ev.mta_sts.policy.parsed) {
    for (const auto& m : ev.mta_sts.mx) out.mta_sts_coverage.push_back({m.host, m.matches});
  }
  for (const auto& f : j.findings) ++out.findings_by_severity.at(static_cast<std::size_t>(f.severity));
  return out;
}

}  // namespace mxray::checks
