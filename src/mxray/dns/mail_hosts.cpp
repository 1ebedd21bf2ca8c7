// The resolve stage; see mail_hosts.hpp. The MX query comes first; then the A and AAAA
// queries of every host run at once.
#include "mxray/dns/mail_hosts.hpp"
#include "mxray/core/text.hpp"

#include <algorithm>
#include <chrono>
#include <memory>

#include "mxray/core/join.hpp"
#include "mxray/core/printable.hpp"
#include "mxray/dns/domain_name.hpp"
#include "mxray/dns/records.hpp"
#include "mxray/dns/tlsa.hpp"
#include "mxray/dns/txt.hpp"

namespace mxray::dns {
namespace asio = boost::asio;

namespace {

std::string rcode_text(int rcode) {
  switch (rcode) {
    case 0: return "NOERROR";
    case 1: return "FORMERR";
    case 2: return "SERVFAIL";
    case 3: return "NXDOMAIN";
    case 4: return "NOTIMP";
    case 5: return "REFUSED";
    default: return "RCODE " + std::to_string(rcode);
  }
}

// Worst of two DNSSEC states: bogus > insecure > secure.
std::string combine_dnssec(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  if (a == "bogus" || b == "bogus") return "bogus";
  if (a == "insecure" || b == "insecure") return "insecure";
  return "secure";
}

// TLSA for the host (RFC 7672 2.2.2): when the host is an alias reached through a secure
// chain, the TLSA records at the CNAME-expanded name come first, the original name's second.
asio::awaitable<void> resolve_tlsa(Resolver& resolver, report::MxEvidence& mx, const DnsAnswer& original,
                                   const core::Limits& limits) {
  if (!mx.cname_target.empty() && mx.dnssec == "secure") {
    const auto expanded = co_await resolver.query("_25._tcp." + mx.cname_target, rrtype::kTlsa);
    if (expanded.havedata && expanded.dnssec == "secure") {
      fill_dane(expanded, mx.cname_target, limits, mx.dane);
      mx.dane.rrsig_expires_epoch = earliest_rrsig_expiry(expanded);
      co_return;
    }
  }
  fill_dane(original, mx.host, limits, mx.dane);
  mx.dane.rrsig_expires_epoch = earliest_rrsig_expiry(original);
}

// Looks up A, AAAA and TLSA of one host at once and stores them in `mx`.
asio::awaitable<void> resolve_host(Resolver& resolver, report::MxEvidence& mx, const core::Limits& limits,
                                   FamilyFilter families) {
  std::vector<DnsAnswer> answers(2);
  DnsAnswer tlsa;
  std::vector<asio::awaitable<void>> queries;
  if (families.ipv4) queries.push_back(resolver.query_into(mx.host, rrtype::kA, answers[0]));
  if (families.ipv6) queries.push_back(resolver.query_into(mx.host, rrtype::kAaaa, answers[1]));
  queries.push_back(resolver.query_into("_25._tcp." + mx.host, rrtype::kTlsa, tlsa));
  co_await core::join_all(std::move(queries));
  if (!families.ipv4) answers.erase(answers.begin());
  if (!families.ipv6) answers.pop_back();
  std::vector<std::string> errors;
  for (const auto& a : answers) {
    if (!a.error.empty()) {
      errors.push_back(a.error);
      continue;
    }
    if (a.rcode != 0 && !a.nxdomain) errors.push_back(rcode_text(a.rcode));
    if (a.havedata || a.nxdomain || a.rcode == 0) mx.dnssec = combine_dnssec(mx.dnssec, a.dnssec);
    if (const auto expires = earliest_rrsig_expiry(a); expires != 0) {
      mx.rrsig_expires_epoch = mx.rrsig_expires_epoch == 0 ? expires : std::min(mx.rrsig_expires_epoch, expires);
    }
    if (!a.canonname.empty() && mx.cname_target.empty()) {
      mx.cname_target = core::printable(a.canonname);
      if (!mx.cname_target.empty() && mx.cname_target.back() == '.') mx.cname_target.pop_back();
    }
    for (const auto& ip : parse_addresses(a)) {
      if (mx.addresses.size() >= limits.max_addresses_per_host) {
        mx.addresses_truncated = true;
        break;
      }
      report::AddressEvidence addr;
      addr.ip = ip.to_string();
      addr.family = ip.is_v4() ? "ipv4" : "ipv6";
      mx.addresses.push_back(std::move(addr));
    }
  }
  if (mx.addresses.empty() && !errors.empty()) {
    std::string joined = core::join(errors, "; ");
    mx.address_error = joined;
  }
  co_await resolve_tlsa(resolver, mx, tlsa, limits);
}

asio::awaitable<void> resolve_txt(Resolver& resolver, std::string name, const core::Limits& limits,
                                  report::TxtLookup& out) {
  const auto answer = co_await resolver.query(std::move(name), rrtype::kTxt);
  out = txt_lookup(answer, limits);
}

// PTR of one address, then forward confirmation: one PTR name must resolve back to it.
asio::awaitable<void> lookup_reverse(Resolver& resolver, asio::ip::address ip, report::ReverseDnsEvidence& rev);

// The lookups of one address, timed. The result is written into the address at the end, in one
// go: in a scan the address's evidence may be replaced meanwhile by a shared probe's (which
// keeps this domain's reverse DNS), and no reference into it may be held across a wait.
asio::awaitable<void> resolve_reverse(Resolver& resolver, report::AddressEvidence& address, core::StepLog log) {
  boost::system::error_code ec;
  const auto ip = asio::ip::make_address(address.ip, ec);
  if (ec) co_return;
  const auto asked = std::chrono::steady_clock::now();
  report::ReverseDnsEvidence rev;
  co_await lookup_reverse(resolver, ip, rev);
  const bool ok = rev.error.empty();
  address.reverse_dns = std::move(rev);
  log.add("PTR", asked, std::chrono::steady_clock::now(), ok);
}

asio::awaitable<void> lookup_reverse(Resolver& resolver, const asio::ip::address ip, report::ReverseDnsEvidence& rev) {
  rev.looked_up = true;
  const auto answer = co_await resolver.query(reverse_name(ip), rrtype::kPtr);
  rev.dnssec = answer.dnssec;
  if (!answer.error.empty()) {
    rev.error = answer.error;
    co_return;
  }
  if (answer.nxdomain || (answer.rcode == 0 && !answer.havedata)) {
    rev.error = "no PTR record";
    co_return;
  }
  if (answer.rcode != 0) {
    rev.error = rcode_text(answer.rcode);
    co_return;
  }
  for (const auto& name : parse_ptr(answer)) {
    if (rev.names.size() >= 5) break;  // a bound: more PTR names than this is itself odd
    rev.names.push_back(core::printable(name));
  }
  for (const auto& name : rev.names) {
    const auto forward = co_await resolver.query(name, ip.is_v4() ? rrtype::kA : rrtype::kAaaa);
    for (const auto& back : parse_addresses(forward)) {
      if (back == ip) {
        rev.forward_confirmed = true;
        rev.confirmed_name = name;
        co_return;
      }
    }
  }
}

}  // namespace

asio::awaitable<std::string> resolve_mail_hosts(Resolver& resolver, report::DomainEvidence& evidence,
                                                const core::Limits& limits, FamilyFilter families, core::StepLog log) {
  // The MX query and the domain's TXT records together: none depends on another.
  DnsAnswer answer;
  const auto asked = std::chrono::steady_clock::now();
  {
    std::vector<asio::awaitable<void>> first;
    first.push_back(resolver.query_into(evidence.domain, rrtype::kMx, answer));
    first.push_back(resolve_txt(resolver, "_mta-sts." + evidence.domain, limits, evidence.mta_sts.txt));
    first.push_back(resolve_txt(resolver, "_smtp._tls." + evidence.domain, limits, evidence.tls_rpt.txt));
    co_await core::join_all(std::move(first));
  }
  log.add("MX+TXT", asked, std::chrono::steady_clock::now(), answer.error.empty());
  if (!answer.error.empty()) co_return "the DNS resolver failed for " + evidence.domain + ": " + answer.error;
  evidence.mx_rcode = answer.rcode;
  evidence.mx_dnssec = answer.dnssec;
  evidence.mx_rrsig_expires_epoch = earliest_rrsig_expiry(answer);
  if (answer.nxdomain) co_return "the domain " + evidence.domain + " does not exist (NXDOMAIN)";
  if (answer.rcode != 0) {
    std::string why = answer.dnssec == "bogus" ? " (DNSSEC validation failed: " + answer.why_bogus + ")" : "";
    co_return "the MX lookup for " + evidence.domain + " failed: " + rcode_text(answer.rcode) + why;
  }

  auto records = parse_mx(answer);
  std::stable_sort(records.begin(), records.end(),
                   [](const MxRecord& a, const MxRecord& b) { return a.preference < b.preference; });
  // RFC 7505: a single MX with an empty exchange ("." ) means the domain accepts no mail.
  if (records.size() == 1 && records[0].exchange.empty()) {
    evidence.null_mx = true;
    evidence.null_mx_preference = records[0].preference;
    // A domain that takes no mail has no transport policy to report (looked up in parallel).
    evidence.mta_sts.txt = {};
    evidence.tls_rpt.txt = {};
    co_return std::string{};
  }
  if (records.empty()) {
    evidence.implicit_mx = true;  // RFC 5321 5.1: the domain itself is the mail host
    records.push_back({0, evidence.domain});
  }
  if (records.size() > limits.max_mx_hosts) {
    evidence.mx_truncated = true;
    records.resize(limits.max_mx_hosts);
  }
  for (const auto& r : records) {
    report::MxEvidence mx;
    mx.host = core::printable(r.exchange);
    mx.preference = r.preference;
    mx.implicit = evidence.implicit_mx;
    mx.ip_literal = looks_like_ip_literal(r.exchange);
    evidence.mx.push_back(std::move(mx));
  }

  std::vector<asio::awaitable<void>> lookups;
  for (auto& mx : evidence.mx) {
    // A "." among other MX records has nothing to look up; an IP literal is not a host name
    // and senders fail on it (reported by the judge), so it is not looked up either.
    if (mx.host.empty() || mx.ip_literal) continue;
    lookups.push_back(resolve_host(resolver, mx, limits, families));
  }
  const auto hosts_asked = std::chrono::steady_clock::now();
  const bool any = !lookups.empty();
  co_await core::join_all(std::move(lookups));
  if (any) log.add("A+AAAA+TLSA", hosts_asked, std::chrono::steady_clock::now());
  co_return std::string{};
}

asio::awaitable<void> resolve_direct_host(Resolver& resolver, report::DomainEvidence& evidence,
                                          const core::Limits& limits, FamilyFilter families) {
  report::MxEvidence mx;
  mx.host = evidence.domain;
  mx.direct = "host";
  evidence.mx.push_back(std::move(mx));
  co_await resolve_host(resolver, evidence.mx.back(), limits, families);
}

asio::awaitable<void> resolve_reverse_dns(Resolver& resolver, report::DomainEvidence& evidence,
                                          std::chrono::steady_clock::time_point origin) {
  std::vector<asio::awaitable<void>> reverse;
  for (auto& mx : evidence.mx) {
    for (auto& address : mx.addresses) {
      core::StepLog log;
      if (origin != std::chrono::steady_clock::time_point{})
        log = core::StepLog(&address.timeline, origin, "reverse_dns");
      reverse.push_back(resolve_reverse(resolver, address, std::move(log)));
    }
  }
  co_await core::join_all(std::move(reverse));
}

}  // namespace mxray::dns
