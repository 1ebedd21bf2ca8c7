// The resolve stage: from a normalised domain to its mail hosts and their addresses, with
// null MX (RFC 7505), implicit MX (RFC 5321 5.1), CNAME and IP-literal targets and the
// DNSSEC state recorded as facts. Bounded by Limits::max_mx_hosts and max_addresses_per_host.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <string>

#include "mxray/core/limits.hpp"
#include "mxray/dns/resolver.hpp"
#include "mxray/report/evidence.hpp"

namespace mxray::dns {

/// Which address families to look up.
struct FamilyFilter {
  bool ipv4 = true;
  bool ipv6 = true;
};

/// Fills evidence.mx (hosts and addresses, not yet probed); returns an error text when the
/// domain could not be resolved at all (resolver unreachable, SERVFAIL, NXDOMAIN). The
/// lookups' steps go to `log` (the domain's timeline).
boost::asio::awaitable<std::string> resolve_mail_hosts(Resolver& resolver, report::DomainEvidence& evidence,
                                                       const core::Limits& limits, FamilyFilter families,
                                                       core::StepLog log = {});

/// For a host given directly (--host): fills evidence.mx with that one host, its addresses
/// and its TLSA records, as if it were the only MX of its own name; no MX lookup is made.
boost::asio::awaitable<void> resolve_direct_host(Resolver& resolver, report::DomainEvidence& evidence,
                                                 const core::Limits& limits, FamilyFilter families);

/// PTR and forward confirmation of every address of evidence.mx (no probe needs them, so they
/// run beside the probes); fills each address's reverse_dns, and its timeline from `origin`
/// (the start of the check; unset: no timeline).
boost::asio::awaitable<void> resolve_reverse_dns(Resolver& resolver, report::DomainEvidence& evidence,
                                                 std::chrono::steady_clock::time_point origin = {});

}  // namespace mxray::dns
