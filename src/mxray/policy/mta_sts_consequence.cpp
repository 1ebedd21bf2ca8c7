// See mta_sts_consequence.hpp.
#include "mxray/policy/mta_sts_consequence.hpp"

#include "mxray/policy/mx_pattern.hpp"

namespace mxray::policy {

bool policy_in_force(const report::MtaStsEvidence& sts) {
  return sts.txt_error.empty() && !sts.id.empty() && sts.fetch.ok && sts.policy.valid;
}

std::string tls_failure(const report::MxEvidence& mx, const report::AddressEvidence& a) {
  if (!a.allowed || !a.connect.ok || !a.banner.received || a.banner.code != 220 || a.ehlo.code != 250) return {};
  if (!a.starttls.offered) return "STARTTLS not offered";
  if (!a.starttls.ok) return "STARTTLS failed: " + a.starttls.error;
  const auto& c = a.certificate;
  if (!c.present) return "no certificate";
  if (!c.trusted) return "certificate not trusted: " + c.verify_error;
  if (!c.hostname_match) return "certificate does not match " + mx.host;
  return {};
}

void evaluate_mx(report::DomainEvidence& ev) {
  auto& sts = ev.mta_sts;
  sts.mx.clear();
  if (!sts.policy.parsed) return;
  const bool in_force = policy_in_force(sts);
  for (const auto& mx : ev.mx) {
    if (mx.host.empty()) continue;
    report::MtaStsMxResult r;
    r.host = mx.host;
    for (const auto& p : sts.policy.mx) {
      if (mx_matches(p, mx.host)) {
        r.matches = true;
        r.pattern = p;
        break;
      }
    }
    for (const auto& a : mx.addresses) {
      if (auto why = tls_failure(mx, a); !why.empty()) r.addresses_failing.push_back(a.ip + ": " + why);
    }
    const bool fails = !r.matches || !r.addresses_failing.empty();
    if (!in_force || sts.policy.mode == "none") {
      r.consequence = "not_applied";
    } else if (!fails) {
      r.consequence = "deliver";
    } else {
      r.consequence = sts.policy.mode == "enforce" ? "will_not_deliver" : "report_only";
    }
    sts.mx.push_back(std::move(r));
  }
}

}  // namespace mxray::policy
