// Finding a domain's mail submission services (RFC 6186): the `_submissions._tcp` and
// `_submission._tcp` SRV records, else the MX hosts and the usual smtp./mail. names on 465 and
// 587. SRV answers are untrusted wire data: parsed with ldns, bounded by Limits::max_srv_records.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "mxray/core/limits.hpp"
#include "mxray/dns/mail_hosts.hpp"
#include "mxray/dns/resolver.hpp"
#include "mxray/report/evidence.hpp"

namespace mxray::dns {

/// SRV record type (RFC 2782).
inline constexpr int kSrvType = 33;

/// The SRV records of `answer`, sorted by priority, then weight (highest first).
std::vector<report::SrvRecord> parse_srv(const DnsAnswer& answer);

/// The SRV lookup as evidence; at most `max_records` records are kept.
report::SrvLookup srv_lookup(const DnsAnswer& answer, std::size_t max_records);

/// The services RFC 6186 names in `evidence`'s two SRV lookups (a "." target: none there), or,
/// without any SRV record, the usual candidates: the MX hosts, smtp.<domain> and mail.<domain>,
/// each on 465 (implicit TLS) and 587 (STARTTLS). Pure: no I/O.
std::vector<report::SubmissionService> plan_submission_services(const report::DomainEvidence& evidence,
                                                                std::size_t max_hosts);

/// Looks up both SRV names of `evidence.domain`, plans the services and resolves each host's
/// addresses into evidence.submission.
boost::asio::awaitable<void> resolve_submission(Resolver& resolver, report::DomainEvidence& evidence,
                                                const core::Limits& limits, FamilyFilter families);

}  // namespace mxray::dns
