// DNS blocklists (RFC 5782): for every address, the A record of the address (IPv4 octets
// reversed, IPv6 nibbles reversed) under each zone, and its TXT reason when listed. Answers
// are untrusted; codes and reasons are bounded by Limits::max_txt_bytes and escaped.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address.hpp>
#include <string>
#include <vector>

#include "mxray/core/limits.hpp"
#include "mxray/dns/resolver.hpp"
#include "mxray/report/evidence.hpp"

namespace mxray::dns {

/// The documented default set (`--dnsbl default`): widely used lists that answer queries from
/// ordinary resolvers. docs/json-schema.md and the README name them.
const std::vector<std::string>& default_blocklists();

/// True when `forwarder` (ADDR[@PORT]) is a well-known public resolver: the big lists refuse
/// queries that come through them (Spamhaus answers 127.255.255.254).
bool is_public_resolver(const std::string& forwarder);
/// The well-known public resolvers that is_public_resolver knows (addresses only).
std::vector<std::string> public_resolvers();

/// The zones to ask: `requested` as given (the word "default" stands for the default set),
/// without the default set when a forwarder is a public resolver (then `skipped` says so).
report::DnsblEvidence plan_blocklists(const std::vector<std::string>& requested,
                                      const std::vector<std::string>& forwarders);

/// The name to look up for `address` under `zone` (RFC 5782 sections 2.1 and 2.4).
std::string blocklist_query(const boost::asio::ip::address& address, const std::string& zone);

/// Looks up every distinct address of evidence.mx in every zone of evidence.dnsbl.zones.
boost::asio::awaitable<void> lookup_blocklists(Resolver& resolver, report::DomainEvidence& evidence,
                                               const core::Limits& limits);

}  // namespace mxray::dns
