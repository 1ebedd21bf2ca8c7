// DNS rules: null MX, implicit MX, aliases, IP literals, missing addresses, bounds, DNSSEC.
#include "mxray/checks/rules.hpp"

namespace mxray::checks {

void judge_dns(const report::DomainEvidence& ev, FindingList& out) {
  if (!ev.target.mx_lookup) {  // a host or address given directly: only its own addresses
    for (const auto& mx : ev.mx) judge_host_addresses(mx, out);
    return;
  }
  const i18n::Args domain{{"domain", ev.domain}};
  if (ev.null_mx) {
    out.add("dns.null_mx", {}, {}, N_("{domain} has the single record \"MX 0 .\""), domain);
    if (ev.null_mx_preference != 0) {
      out.add("dns.null_mx_preference", {}, {}, N_("{domain} has the null MX record \"MX {preference} .\""),
              {{"domain", ev.domain}, {"preference", std::to_string(ev.null_mx_preference)}});
    }
    return;
  }
  if (ev.mx_dnssec == "bogus") out.add("dns.bogus", {}, {}, N_("the MX answer for {domain} is bogus"), domain);
  if (ev.mx_dnssec == "secure") {
    out.add("dns.secure", {}, {}, N_("the MX answer for {domain} is signed and valid"), domain);
  }
  if (ev.mx_truncated) {
    out.add("dns.too_many_mx", {}, {}, N_("only the first {count} MX hosts were checked"),
            {{"count", std::to_string(ev.mx.size())}});
  }
  if (ev.implicit_mx) {
    const bool has_address = !ev.mx.empty() && !ev.mx.front().addresses.empty();
    if (has_address) {
      out.add("dns.implicit_mx", ev.domain, {}, N_("{domain} has no MX record; senders use its own address"), domain);
    } else {
      out.add("dns.no_mail_host", {}, {}, N_("{domain} has neither MX nor A/AAAA records"), domain);
    }
    return;
  }
  for (const auto& mx : ev.mx) {
    if (mx.host.empty()) {  // RFC 7505 section 3: a null MX must be the only MX record
      out.add(
          "dns.null_mx_mixed", {}, {},
          i18n::counted("\"MX {preference} .\" is published beside {count} other MX record",
                        "\"MX {preference} .\" is published beside {count} other MX records", ev.mx.size() - 1,
                        {{"preference", std::to_string(mx.preference)}, {"count", std::to_string(ev.mx.size() - 1)}}));
      continue;
    }
    if (mx.ip_literal) {
      out.add("dns.mx_ip_literal", mx.host, {}, N_("MX {preference} {host}"),
              {{"preference", std::to_string(mx.preference)}, {"host", mx.host}});
      continue;
    }
    judge_host_addresses(mx, out);
  }
}

void judge_host_addresses(const report::MxEvidence& mx, FindingList& out) {
  const i18n::Args host{{"host", mx.host}};
  if (!mx.cname_target.empty()) {
    out.add("dns.mx_cname", mx.host, {}, N_("{host} is an alias for {target}"),
            {{"host", mx.host}, {"target", mx.cname_target}});
  }
  if (mx.dnssec == "bogus") out.add("dns.bogus", mx.host, {}, N_("the address records of {host} are bogus"), host);
  if (mx.addresses.empty()) {
    if (mx.address_error.empty()) {
      out.add("dns.mx_no_address", mx.host, {}, N_("{host}: no A or AAAA record"), host);
    } else {
      out.add("dns.mx_no_address", mx.host, {}, N_("{host}: the lookup failed: {error}"),
              {{"host", mx.host}, {"error", mx.address_error}});
    }
  }
  if (mx.addresses_truncated) {
    out.add("dns.too_many_addresses", mx.host, {}, N_("only the first {count} addresses of {host} were checked"),
            {{"count", std::to_string(mx.addresses.size())}, {"host", mx.host}});
  }
}

}  // namespace mxray::checks
