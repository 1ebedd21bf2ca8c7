// The rule families of the judge, one file each. Pure functions: evidence in, findings out.
#pragma once

#include "mxray/checks/finding_list.hpp"
#include "mxray/report/evidence.hpp"

namespace mxray::checks {

/// MX records, null/implicit MX, aliases, IP literals, addresses, DNSSEC (dns_rules.cpp).
void judge_dns(const report::DomainEvidence& evidence, FindingList& out);
/// Address policy, connect, banner, EHLO, bounds (session_rules.cpp).
void judge_session(const report::DomainEvidence& evidence, const report::MxEvidence& mx,
                   const report::AddressEvidence& address, const JudgeOptions& options, FindingList& out);
/// STARTTLS and the TLS handshake (tls_rules.cpp).
void judge_tls(const report::MxEvidence& mx, const report::AddressEvidence& address, FindingList& out);
/// The presented certificate chain (certificate_rules.cpp).
void judge_certificate(const report::MxEvidence& mx, const report::AddressEvidence& address, long long now,
                       const JudgeOptions& options, FindingList& out);
/// Weighs certificate findings by how senders authenticate the server: DANE-EE matched, MTA-STS
/// enforce, or opportunistic TLS only (certificate_weight.cpp).
void weigh_certificates(const report::DomainEvidence& evidence, std::vector<Finding>& findings);
/// Problems at mxray's end (outbound port 25 blocked, no IPv6 route): the domain-wide
/// explanation of "not tested from here" (vantage_rules.cpp).
void judge_vantage(const report::DomainEvidence& evidence, FindingList& out);
/// True when `address` failed because of mxray's end, not the server's (vantage_rules.cpp).
bool not_tested_here(const report::DomainEvidence& evidence, const report::AddressEvidence& address);
/// Password login before TLS, VRFY / EXPN, TLS not required (commands_rules.cpp).
void judge_commands(const report::MxEvidence& mx, const report::AddressEvidence& address, FindingList& out);
/// Reverse DNS and the greeting's host name (naming_rules.cpp).
void judge_naming(const report::MxEvidence& mx, const report::AddressEvidence& address, FindingList& out);
/// The open-relay test (relay_rules.cpp).
void judge_relay(const report::MxEvidence& mx, const report::AddressEvidence& address, FindingList& out);
/// DANE of one MX and its addresses (dane_rules.cpp).
void judge_dane(const report::DomainEvidence& evidence, const report::MxEvidence& mx, FindingList& out);
/// MTA-STS record, policy and per-MX consequences (mta_sts_rules.cpp).
void judge_mta_sts(const report::DomainEvidence& evidence, const std::vector<MtaStsMxOutcome>& outcomes,
                   FindingList& out);
/// The TLS-RPT record (tls_rpt_rules.cpp).
void judge_tls_rpt(const report::DomainEvidence& evidence, FindingList& out);
/// A host or an address checked directly: no MX lookup, which checks were skipped (target_rules.cpp).
void judge_target(const report::DomainEvidence& evidence, FindingList& out);
/// The addresses of one host as DNS gave them: alias, bogus, none, too many (dns_rules.cpp).
void judge_host_addresses(const report::MxEvidence& mx, FindingList& out);
/// What will have lapsed at `at` or lapses soon after: chain certificates above the leaf, the
/// RRSIGs of the MX, address and TLSA answers, a cached MTA-STS policy (expiry_rules.cpp).
void judge_expiry(const report::DomainEvidence& evidence, long long at, const JudgeOptions& options, FindingList& out);
/// The certificate about to be deployed (--next-cert) against the TLSA records and MX names
/// published now, as of `at` (next_certificate_rules.cpp).
void judge_next_certificate(const report::DomainEvidence& evidence, long long at, FindingList& out);
/// The blocklist answers for one address (dnsbl_rules.cpp).
void judge_dnsbl(const report::MxEvidence& mx, const report::AddressEvidence& address, FindingList& out);
/// Blocklists that were not asked, and why (dnsbl_rules.cpp).
void judge_dnsbl_plan(const report::DomainEvidence& evidence, FindingList& out);
/// The submission services of --submission: discovery, TLS, AUTH, relaying (submission_rules.cpp).
void judge_submission(const report::DomainEvidence& evidence, long long now, FindingList& out);
/// Anti-spam front ends: postscreen, greylisting, one session per client, tarpits, the big
/// providers' throttling and reputation replies (front_end_rules.cpp).
void judge_front_end(const report::MxEvidence& mx, const report::AddressEvidence& address, const JudgeOptions& options,
                     FindingList& out);
/// Which provider's documented throttling or reputation text a 4xx/5xx reply is (front_end_rules.cpp).
struct ProviderReply {
  std::string provider;  // Gmail | Microsoft | Yahoo, empty when none
  std::string kind;      // throttle | reputation
};
ProviderReply provider_reply(int code, const std::string& text);
/// True when most replies of the session were a tarpit's (front_end_rules.cpp).
bool tarpit_seen(const report::AddressEvidence& address, const JudgeOptions& options);
/// True when the server said 421 (closing) somewhere in the session: its close is no drop.
bool closing_reply_seen(const report::AddressEvidence& address);
/// True when a front-end rule explains the relay test's 4xx (greylisting not retried, a provider's text).
bool deferral_explained(const report::AddressEvidence& address);
/// Whole-domain reachability: all down, primary or backup down (domain_rules.cpp).
void judge_domain(const report::DomainEvidence& evidence, FindingList& out);

/// True when the address greeted with 220: it can take mail.
bool answers(const report::AddressEvidence& address);
/// True when an outside recipient was accepted (2xx to RCPT TO) in the relay test.
bool relay_open(const report::RelayEvidence& relay);
/// True when senders apply DANE to `mx` (RFC 7672 section 2.2): a DNSSEC-secure TLSA answer
/// with a usable record, and DNSSEC-secure address records of the MX host.
bool dane_applies(const report::MxEvidence& mx);
/// True when DANE applies to a submission service (RFC 7673): a DNSSEC-secure TLSA answer at
/// _<port>._tcp.<host> with a usable record, secure address records, and, for a host named by
/// an SRV record, a secure SRV answer (otherwise the host name itself is not trustworthy).
bool submission_dane_applies(const report::SubmissionEvidence& submission, const report::SubmissionService& service);
/// A TLSA record for a report line: "3 1 1 " and the start of its data.
std::string record_text(const report::TlsaRecord& record);

}  // namespace mxray::checks
