// DNS rules: null MX, implicit MX, aliases, IP literals, missing addresses, bounds, DNSSEC.
#include "mxray/checks/rules.hpp"

namespace mxray::checks {

void judge_dns(const report::DomainEvidence& ev, FindingList& out) {
  if (ev.null_mx) {
    out.add("dns.null_mx", {}, {}, ev.domain + " has the single record \"MX 0 .\"");
    return;
  }
  if (ev.mx_dnssec == "bogus") out.add("dns.bogus", {}, {}, "the MX answer for " + ev.domain + " is bogus");
  if (ev.mx_dnssec == "secure") out.add("dns.secure", {}, {}, "the MX answer for " + ev.domain + " is signed and valid");
  if (ev.mx_truncated) out.add("dns.too_many_mx", {}, {}, "only the first " + std::to_string(ev.mx.size()) + " MX hosts were checked");
  if (ev.implicit_mx) {
    const bool has_address = !ev.mx.empty() && !ev.mx.front().addresses.empty();
    if (has_address) {
      out.add("dns.implicit_mx", ev.domain, {}, ev.domain + " has no MX record; senders use its own address");
    } else {
      out.add("dns.no_mail_host", {}, {}, ev.domain + " has neither MX nor A/AAAA records");
    }
    return;
  }
  for (const auto& mx : ev.mx) {
    if (mx.ip_literal) {
      out.add("dns.mx_ip_literal", mx.host, {}, "MX " + std::to_string(mx.preference) + " " + mx.host);
      continue;
    }
    if (!mx.cname_target.empty()) {
      out.add("dns.mx_cname", mx.host, {}, mx.host + " is an alias for " + mx.cname_target);
    }
    if (mx.dnssec == "bogus") out.add("dns.bogus", mx.host, {}, "the address records of " + mx.host + " are bogus");
    if (mx.addresses.empty()) {
      const auto why = mx.address_error.empty() ? std::string("no A or AAAA record") : mx.address_error;
      out.add("dns.mx_no_address", mx.host, {}, mx.host + ": " + why);
    }
    if (mx.addresses_truncated) {
      out.add("dns.too_many_addresses", mx.host, {},
              "only the first " + std::to_string(mx.addresses.size()) + " addresses of " + mx.host + " were checked");
    }
  }
}

}  // namespace mxray::checks
