// See dnsbl.hpp. One lookup per (address, zone) even when several MX names share the address;
// the result is then copied to each of them.
#include "mxray/dns/dnsbl.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "mxray/core/join.hpp"
#include "mxray/core/printable.hpp"
#include "mxray/dns/records.hpp"
#include "mxray/dns/txt.hpp"

namespace mxray::dns {
namespace asio = boost::asio;

namespace {

// Resolvers run by large public operators; queries through them reach the lists from shared
// addresses that the big lists refuse (Spamhaus, Barracuda and others document this).
constexpr std::array<std::string_view, 16> kPublicResolvers = {"8.8.8.8",
                                                               "8.8.4.4",
                                                               "1.1.1.1",
                                                               "1.0.0.1",
                                                               "9.9.9.9",
                                                               "149.112.112.112",
                                                               "208.67.222.222",
                                                               "208.67.220.220",
                                                               "2001:4860:4860::8888",
                                                               "2001:4860:4860::8844",
                                                               "2606:4700:4700::1111",
                                                               "2606:4700:4700::1001",
                                                               "2620:fe::fe",
                                                               "2620:fe::9",
                                                               "94.140.14.14",
                                                               "94.140.15.15"};

asio::awaitable<void> lookup_one(Resolver& resolver, std::string query, const core::Limits& limits,
                                 report::DnsblLookup& out) {
  out.query = query;
  const auto a = co_await resolver.query(query, rrtype::kA);
  if (!a.error.empty()) {
    out.error = a.error;
    co_return;
  }
  if (a.nxdomain || (a.rcode == 0 && !a.havedata)) {
    out.answered = true;  // not listed
    co_return;
  }
  if (a.rcode != 0) {
    out.error = a.rcode == 5 ? "REFUSED" : a.rcode == 2 ? "SERVFAIL" : "RCODE " + std::to_string(a.rcode);
    co_return;
  }
  out.answered = true;
  for (const auto& ip : parse_addresses(a)) {
    if (out.codes.size() >= 8) break;  // a bound: lists return one or a few codes
    out.codes.push_back(ip.to_string());
  }
  const auto txt = txt_lookup(co_await resolver.query(query, rrtype::kTxt), limits);
  for (const auto& r : txt.records) out.reason += (out.reason.empty() ? "" : " | ") + r;
  if (out.reason.size() > 512) out.reason = out.reason.substr(0, 512) + "...";
}

}  // namespace

const std::vector<std::string>& default_blocklists() {
  static const std::vector<std::string> zones = {"zen.spamhaus.org", "bl.spamcop.net", "b.barracudacentral.org",
                                                 "psbl.surriel.com"};
  return zones;
}

bool is_public_resolver(const std::string& forwarder) {
  const auto address = forwarder.substr(0, forwarder.find('@'));
  return std::find(kPublicResolvers.begin(), kPublicResolvers.end(), address) != kPublicResolvers.end();
}

std::vector<std::string> public_resolvers() { return {kPublicResolvers.begin(), kPublicResolvers.end()}; }

report::DnsblEvidence plan_blocklists(const std::vector<std::string>& requested,
                                      const std::vector<std::string>& forwarders) {
  report::DnsblEvidence out;
  std::string public_resolver;
  for (const auto& f : forwarders) {
    if (is_public_resolver(f)) public_resolver = f;
  }
  for (const auto& zone : requested) {
    if (zone != "default") {
      if (std::find(out.zones.begin(), out.zones.end(), zone) == out.zones.end()) out.zones.push_back(zone);
      continue;
    }
    if (!public_resolver.empty()) {
      out.skipped = "the default blocklists were not asked: " + public_resolver +
                    " is a public resolver, and the big lists refuse queries that come through one";
      continue;
    }
    for (const auto& z : default_blocklists()) {
      if (std::find(out.zones.begin(), out.zones.end(), z) == out.zones.end()) out.zones.push_back(z);
    }
  }
  return out;
}

std::string blocklist_query(const asio::ip::address& address, const std::string& zone) {
  // reverse_name gives d.c.b.a.in-addr.arpa / the ip6.arpa nibbles: the same order RFC 5782 uses.
  auto name = reverse_name(address);
  name = name.substr(0, name.rfind(address.is_v4() ? "in-addr.arpa" : "ip6.arpa"));
  return name + zone;
}

asio::awaitable<void> lookup_blocklists(Resolver& resolver, report::DomainEvidence& ev, const core::Limits& limits) {
  if (ev.dnsbl.zones.empty()) co_return;
  std::map<std::string, std::vector<report::DnsblLookup>> by_ip;
  for (const auto& mx : ev.mx) {
    for (const auto& a : mx.addresses) by_ip.try_emplace(a.ip);
  }
  std::vector<asio::awaitable<void>> lookups;
  for (auto& [ip, results] : by_ip) {
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(ip, ec);
    if (ec) continue;
    results.resize(ev.dnsbl.zones.size());
    for (std::size_t i = 0; i < ev.dnsbl.zones.size(); ++i) {
      results[i].zone = ev.dnsbl.zones[i];
      lookups.push_back(lookup_one(resolver, blocklist_query(address, ev.dnsbl.zones[i]), limits, results[i]));
    }
  }
  co_await core::join_all(std::move(lookups));
  for (auto& mx : ev.mx) {
    for (auto& a : mx.addresses) a.dnsbl = by_ip[a.ip];
  }
}

}  // namespace mxray::dns
