// Expiry rules: what will have lapsed at the moment judged (the check time, or --at) and what
// lapses soon after it. Chain certificates above the leaf (the leaf has cert.expired and
// cert.expiring), the DNSSEC signatures of the MX, address and TLSA answers, and an MTA-STS
// policy that senders keep in their cache until max_age runs out (RFC 8461 section 5).
#include "mxray/checks/mta_sts_outcome.hpp"
#include "mxray/checks/rules.hpp"
#include "mxray/core/clock.hpp"

namespace mxray::checks {
namespace {

constexpr long long kDay = 86400;

long long days_of(long long seconds) { return seconds >= 0 ? seconds / kDay : -((-seconds + kDay - 1) / kDay); }

void judge_chain(const report::MxEvidence& mx, const report::AddressEvidence& a, long long at, long long soon,
                 FindingList& out) {
  const auto& chain = a.certificate.chain;
  if (!a.starttls.ok || chain.size() < 2) return;
  for (std::size_t i = 1; i < chain.size(); ++i) {
    const auto& c = chain[i];
    // A self-signed root sent along is not what senders verify against: their own copy is.
    if (c.self_signed || c.not_after_epoch == 0) continue;
    const i18n::Args args{
        {"subject", c.subject}, {"date", c.not_after}, {"days", std::to_string(days_of(c.not_after_epoch - at))}};
    const auto days = i18n::magnitude(days_of(c.not_after_epoch - at));
    if (c.not_after_epoch < at) {
      out.add("cert.chain_expired", mx.host, a.ip, N_("{subject} (chain position {depth}) ended on {date}"),
              {{"subject", c.subject}, {"depth", std::to_string(i)}, {"date", c.not_after}});
    } else if (c.not_after_epoch < at + soon) {
      out.add("cert.chain_expiring", mx.host, a.ip,
              i18n::counted("{subject} ends on {date}, in {days} day", "{subject} ends on {date}, in {days} days", days,
                            args));
    }
  }
}

// One signed answer: `what` names the RRset (MX of a domain, A/AAAA of a host, TLSA).
void judge_signature(std::string_view expired_id, std::string_view expiring_id, const std::string& dnssec,
                     long long expires, const std::string& mx, const std::string& what, long long at, long long soon,
                     FindingList& out) {
  if (dnssec != "secure" || expires == 0) return;
  const i18n::Args args{
      {"rrset", what}, {"date", core::iso8601(expires)}, {"days", std::to_string(days_of(expires - at))}};
  const auto days = i18n::magnitude(days_of(expires - at));
  if (expires < at) {
    out.add(expired_id, mx, {}, N_("the signature of {rrset} ends on {date}"), args);
  } else if (expires < at + soon) {
    out.add(expiring_id, mx, {},
            i18n::counted("the signature of {rrset} ends on {date}, in {days} day",
                          "the signature of {rrset} ends on {date}, in {days} days", days, args));
  }
}

}  // namespace

void judge_expiry(const report::DomainEvidence& ev, long long at, const JudgeOptions& o, FindingList& out) {
  const long long soon = o.breaks_soon_days * kDay;
  const long long signature_soon = o.signature_warning_days * kDay;
  for (const auto& mx : ev.mx) {
    for (const auto& a : mx.addresses) judge_chain(mx, a, at, soon, out);
  }
  // A signature that runs out before the moment judged is the outage (answers turn bogus); one
  // that runs out within days of it is a signer that may have stopped refreshing.
  const long long sig_window = signature_soon;
  if (ev.target.mx_lookup && !ev.null_mx) {
    judge_signature("dns.signature_expired", "dns.signature_expiring", ev.mx_dnssec, ev.mx_rrsig_expires_epoch, {},
                    "MX " + ev.domain, at, sig_window, out);
  }
  for (const auto& mx : ev.mx) {
    if (mx.host.empty() || mx.direct == "address") continue;
    judge_signature("dns.signature_expired", "dns.signature_expiring", mx.dnssec, mx.rrsig_expires_epoch, mx.host,
                    "A/AAAA " + mx.host, at, sig_window, out);
    judge_signature("dane.signature_expired", "dane.signature_expiring", mx.dane.dnssec, mx.dane.rrsig_expires_epoch,
                    mx.host, "TLSA " + mx.dane.tlsa_name, at, sig_window, out);
  }
  // RFC 8461 section 5: senders that fetched the policy keep its MX list until max_age ends;
  // judged for a later moment, that list is what they still hold then.
  const auto& sts = ev.mta_sts;
  if (o.at_epoch != 0 && ev.target.mx_lookup && policy_in_force(sts) && sts.policy.max_age > 0 &&
      ev.checked_at_epoch + sts.policy.max_age > at) {
    std::string patterns;
    for (const auto& p : sts.policy.mx) patterns += (patterns.empty() ? "" : ", ") + p;
    out.add("mtasts.cached_until", {}, {},
            N_("senders that fetched the policy on {checked} keep it until {until}: mx {patterns}, mode {mode}"),
            {{"checked", ev.checked_at},
             {"until", core::iso8601(ev.checked_at_epoch + sts.policy.max_age)},
             {"patterns", patterns},
             {"mode", sts.policy.mode}});
  }
}

}  // namespace mxray::checks
