// See mta_sts_outcome.hpp. An MX "delivers" only when it is listed, no address fails and at
// least one address was verified; with none verified the answer is "not_verified".
#include "mxray/checks/mta_sts_outcome.hpp"

#include "mxray/checks/rules.hpp"
#include "mxray/policy/mx_pattern.hpp"

namespace mxray::checks {

bool policy_in_force(const report::MtaStsEvidence& sts) {
  return sts.txt_error.empty() && !sts.id.empty() && sts.fetch.ok && sts.policy.valid;
}

namespace {

std::string not_reached(const report::AddressEvidence& a) {
  if (!a.allowed) return "not probed (" + a.special_range + " address)";
  if (!a.connect.attempted) return "not probed";
  if (!a.connect.ok) return "no connection: " + a.connect.error;
  if (!a.banner.received) return "no greeting: " + (a.banner.error.empty() ? a.banner.text : a.banner.error);
  if (a.banner.code != 220) return "greeting " + std::to_string(a.banner.code) + " " + a.banner.text;
  return "EHLO answered " + std::to_string(a.ehlo.code) + " " + a.ehlo.text;
}

}  // namespace

bool sts_listed(const report::DomainEvidence& ev, const std::string& host) {
  for (const auto& pattern : ev.mta_sts.policy.mx) {
    if (policy::mx_matches(pattern, host)) return true;
  }
  return false;
}

bool sts_enforced_for(const report::DomainEvidence& ev, const std::string& host) {
  return policy_in_force(ev.mta_sts) && ev.mta_sts.policy.mode == "enforce" && sts_listed(ev, host);
}

MtaStsAddressOutcome sts_outcome(const report::MxEvidence& mx, const report::AddressEvidence& a) {
  MtaStsAddressOutcome o{a.ip, "verified", {}};
  if (!answers(a) || a.ehlo.code != 250) {
    o.outcome = "not_verified";
    o.why = not_reached(a);
    return o;
  }
  const auto& c = a.certificate;
  if (a.starttls.offered && !a.starttls.attempted) {
    o.outcome = "not_verified";
    o.why = "the session ended before STARTTLS";
    return o;
  }
  o.outcome = "failed";
  if (!a.starttls.offered) {
    o.why = "STARTTLS not offered";
  } else if (!a.starttls.ok) {
    o.why = "STARTTLS failed: " + a.starttls.error;
  } else if (!c.present) {
    o.why = "no certificate";
  } else if (!c.trusted) {
    o.why = "certificate not trusted: " + c.verify_error;
  } else if (!c.hostname_match) {
    o.why = "certificate does not match " + mx.host;
  } else {
    o.outcome = "verified";
  }
  return o;
}

std::vector<MtaStsMxOutcome> mta_sts_outcomes(const report::DomainEvidence& ev) {
  std::vector<MtaStsMxOutcome> out;
  const auto& sts = ev.mta_sts;
  if (!sts.policy.parsed || ev.null_mx) return out;
  const bool in_force = policy_in_force(sts) && sts.policy.mode != "none";
  for (const auto& mx : ev.mx) {
    if (mx.host.empty()) continue;
    MtaStsMxOutcome r{mx.host, "not_applied", {}};
    bool failed = false;
    bool verified = false;
    for (const auto& a : mx.addresses) {
      r.addresses.push_back(sts_outcome(mx, a));
      failed = failed || r.addresses.back().outcome == "failed";
      verified = verified || r.addresses.back().outcome == "verified";
    }
    const bool listed = sts_listed(ev, mx.host);
    if (!in_force) {
      r.consequence = "not_applied";
    } else if (!listed || failed) {
      r.consequence = sts.policy.mode == "enforce" ? "will_not_deliver" : "report_only";
    } else {
      r.consequence = verified ? "deliver" : "not_verified";
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace mxray::checks
