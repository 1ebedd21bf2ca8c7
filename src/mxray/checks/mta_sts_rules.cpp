// MTA-STS rules (RFC 8461): the TXT record, the policy fetch and file, and what the policy
// means per MX and address for senders that honour it.
#include "mxray/checks/mta_sts_outcome.hpp"
#include "mxray/checks/policy_problems.hpp"
#include "mxray/checks/rules.hpp"
#include "mxray/core/text.hpp"

namespace mxray::checks {
namespace {

// Per MX: unlisted, an address a policy-honouring sender refuses, or nothing verified at all.
// `all_good` (for mtasts.ok) needs every MX listed and at least one verified address each.
void judge_mx(const report::DomainEvidence& ev, const std::vector<MtaStsMxOutcome>& outcomes, bool& all_good,
              FindingList& out) {
  const bool enforce = ev.mta_sts.policy.mode == "enforce";
  for (const auto& mx : ev.mx) {
    if (mx.host.empty()) continue;
    if (!sts_listed(ev, mx.host)) {
      all_good = false;
      out.add(enforce ? "mtasts.enforce_mx_unlisted" : "mtasts.testing_mx_unlisted", mx.host, {},
              N_("{host} matches none of the policy's mx patterns"), {{"host", mx.host}});
      continue;
    }
    const MtaStsMxOutcome* o = nullptr;
    for (const auto& candidate : outcomes) {
      if (candidate.host == mx.host) o = &candidate;
    }
    if (o == nullptr) continue;
    bool verified = false;
    std::string unverified;
    for (const auto& a : o->addresses) {
      if (a.outcome == "verified") verified = true;
      if (a.outcome == "not_verified") unverified += (unverified.empty() ? "" : "; ") + a.ip + ": " + a.why;
      if (a.outcome != "failed") continue;
      all_good = false;
      out.add(enforce ? "mtasts.enforce_tls_invalid" : "mtasts.testing_tls_invalid", mx.host, a.ip, N_("{why}"),
              {{"why", a.why}});
    }
    if (!verified) {
      all_good = false;
      out.add("mtasts.mx_not_verified", mx.host, {}, N_("no address of {host} could be verified: {why}"),
              {{"host", mx.host}, {"why", unverified.empty() ? std::string("no address") : unverified}});
    }
  }
}

}  // namespace

void judge_mta_sts(const report::DomainEvidence& ev, const std::vector<MtaStsMxOutcome>& outcomes, FindingList& out) {
  if (!ev.target.mx_lookup) return;  // a host or address checked directly has no policy of its own
  if (ev.null_mx) return;
  const auto& sts = ev.mta_sts;
  const auto& f = sts.fetch;
  if (sts.txt.name.empty() && !f.attempted) return;  // not looked up (evidence saved before MTA-STS checks)
  if (sts.txt_error == "several") out.add("mtasts.txt_several", {}, {}, sts_txt_problem(sts));
  if (sts.txt_error == "malformed") out.add("mtasts.txt_malformed", {}, {}, sts_txt_problem(sts));
  const bool txt_ok = sts.txt_error.empty() && !sts.id.empty();
  if (f.attempted && !f.ok && f.error_kind != "dns") {
    auto detail = i18n::Message{N_("{url}: {error}"), {}, 0, {{"url", f.url}}, {}, {}};
    detail.parts.emplace_back("error", policy_fetch_error(f));
    out.add("mtasts.fetch_failed", {}, {}, std::move(detail));
  }
  if (sts.txt_error == "none" || (sts.txt_error.empty() && sts.id.empty())) {
    if (f.ok) {
      out.add("mtasts.policy_without_txt", {}, {},
              N_("a policy is served at {url} but _mta-sts.{domain} has no v=STSv1 record"),
              {{"url", f.url}, {"domain", ev.domain}});
    } else if (!f.attempted || f.error_kind == "dns") {
      out.add("mtasts.none", {}, {}, N_("no _mta-sts.{domain} record and no policy host"), {{"domain", ev.domain}});
    }
  }
  if (txt_ok && !f.ok) {
    auto detail = i18n::Message{N_("v=STSv1 record id {id}, but no policy: {error}"), {}, 0, {{"id", sts.id}}, {}, {}};
    if (f.attempted) {
      detail.parts.emplace_back("error", policy_fetch_error(f));
    } else {
      detail.args.emplace_back("error", "-");
    }
    out.add("mtasts.txt_without_policy", {}, {}, std::move(detail));
  }
  if (!f.ok) return;
  const auto& p = sts.policy;
  if (!p.bad_lines.empty()) out.add("mtasts.policy_bad_line", {}, {}, sts_bad_lines(p));
  if (!p.valid) {
    out.add("mtasts.policy_invalid", {}, {}, sts_policy_errors(p));
    return;
  }
  if (!policy_in_force(sts)) return;
  if (p.mode == "none") {
    out.add("mtasts.mode_none", {}, {}, N_("policy id {id} has mode none"), {{"id", sts.id}});
    return;
  }
  if (p.mode == "testing")
    out.add("mtasts.mode_testing", {}, {}, N_("policy id {id} has mode testing"), {{"id", sts.id}});
  bool all_good = true;
  judge_mx(ev, outcomes, all_good, out);
  if (all_good && p.mode == "enforce") {
    out.add("mtasts.ok", {}, {},
            N_("mode enforce, max_age {age}, every MX listed and at least one address of each verified"),
            {{"age", std::to_string(p.max_age)}});
  }
}

}  // namespace mxray::checks
