// The evidence model: everything the resolve and probe stages observed, as plain structs.
// It is the contract between stages and serialises to the JSON report (docs/json-schema.md).
// Strings that came from the network are already escaped (core::printable) when stored here.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "mxray/core/step_log.hpp"

namespace mxray::report {

/// The outcome of a TCP connect to port 25.
struct ConnectEvidence {
  bool attempted = false;
  bool ok = false;
  double ms = 0;
  double queued_ms = 0;    // waited for a session slot to this address (politeness) before connecting
  std::string error;       // OS text, e.g. "Connection refused"
  std::string error_kind;  // refused | timeout | unreachable | politeness | other
  std::string source;      // mxray's own address for this session (the vantage point)
};

/// The 220 greeting (or whatever the server said first).
struct BannerEvidence {
  bool received = false;
  int code = 0;
  std::string text;          // all lines, joined with "\n", without the codes
  double ms = 0;             // from connected to the end of the greeting
  std::string error;         // timeout | closed | malformed | line_too_long | too_many_lines | too_large
  int lines = 0;             // lines of the greeting (postscreen sends "220-" first, the final "220 " later)
  double first_line_ms = 0;  // from connected to the end of the first line (ms - first_line_ms: the pause)
};

/// The EHLO (or HELO fallback) exchange.
struct EhloEvidence {
  bool sent = false;
  std::string command;  // EHLO or HELO
  int code = 0;
  std::string text;
  double ms = 0;
  std::string error;
  bool ehlo_refused = false;                      // EHLO got 5xx and HELO was tried
  std::map<std::string, std::string> extensions;  // keyword (upper case) -> parameters
};

/// STARTTLS and the TLS handshake that follows it.
struct StartTlsEvidence {
  bool offered = false;
  bool attempted = false;
  bool ok = false;
  int code = 0;  // reply to STARTTLS
  std::string reply_text;
  std::string version;  // TLSv1.3
  std::string cipher;
  std::string key_exchange;  // e.g. X25519, P-256, DH 2048
  double ms = 0;             // STARTTLS command and handshake
  std::string error;
  std::size_t bytes_before_handshake = 0;              // plaintext sent after "220 Ready" (injection risk)
  std::map<std::string, std::string> legacy_versions;  // TLSv1 / TLSv1.1 -> accepted | refused | untested: why
};

/// Facts about one certificate of the presented chain.
struct CertificateFacts {
  std::string subject;
  std::string issuer;
  std::string serial;
  std::string not_before;  // ISO 8601 UTC
  std::string not_after;
  long long not_before_epoch = 0;
  long long not_after_epoch = 0;
  std::vector<std::string> san;  // DNS names, then IP addresses
  std::string key_type;          // RSA, EC, ED25519, ...
  int key_bits = 0;
  std::string key_curve;
  std::string signature_algorithm;
  std::string sha256;  // fingerprint of the DER, lower-case hex
  bool self_signed = false;
  std::size_t der_bytes = 0;  // size of the DER encoding
  std::size_t san_count = 0;  // subjectAltNames in the certificate (san keeps the first max_san_names)
  bool san_truncated = false;
};

/// The presented chain and how it verified.
struct CertificateEvidence {
  bool present = false;
  std::vector<CertificateFacts> chain;  // leaf first, as presented
  std::size_t chain_length_presented = 0;
  bool trusted = false;         // verified against the trust store, dates included
  bool chain_trusted = false;   // the same with dates ignored (tells trust from expiry)
  int verify_code = 0;          // OpenSSL X509_V_ERR_*
  std::string verify_error;     // OpenSSL's text
  bool hostname_match = false;  // the MX name against the SANs (RFC 6125)
  std::string matched_name;
  long long days_left = 0;                          // leaf notAfter minus the check time, whole days
  bool chain_truncated = false;                     // more certificates than the bound, or one over the size bound
  std::string truncation;                           // which bound cut the chain (empty when complete)
  std::map<std::string, std::string> name_matches;  // every MX name sharing the address -> the SAN it matched
};

/// One command sent to learn something (VRFY, EXPN, MAIL FROM before STARTTLS) and its reply.
struct CommandProbe {
  bool sent = false;
  std::string command;
  int code = 0;
  std::string text;
};

/// Reverse DNS of an address and whether it is forward-confirmed (the PTR name resolves back).
struct ReverseDnsEvidence {
  bool looked_up = false;
  std::vector<std::string> names;  // PTR targets
  bool forward_confirmed = false;  // one PTR name has this address among its A/AAAA
  std::string confirmed_name;
  std::string dnssec;
  std::string error;  // lookup failure (NXDOMAIN is "no PTR record")
};

/// One MAIL FROM / RCPT TO pair; DATA is never sent.
struct RelayAttempt {
  std::string variant;  // which trick (plain, null_sender, percent_hack, ...)
  std::string mail_from;
  std::string rcpt_to;
  int mail_code = 0;
  std::string mail_text;
  int code = 0;  // reply to RCPT TO (0 when MAIL FROM was refused)
  std::string text;
  bool accepted = false;        // RCPT TO got 2xx
  bool targets_outside = true;  // false: a routing trick addressed to the MX's own domain
};

/// The open-relay test (whether the relay is open is the judge's call).
struct RelayEvidence {
  bool tested = false;
  std::string mode;  // quick | all
  std::string skipped_reason;
  bool over_tls = false;
  std::string source;  // local address of the separate relay session, when there was one
  std::vector<RelayAttempt> attempts;
};

/// One TLSA record of `_25._tcp.<host>` (or `_<port>._tcp.<host>` of a submission service), as published.
struct TlsaRecord {
  int usage = 0;          // 0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE
  int selector = 0;       // 0 full certificate, 1 SubjectPublicKeyInfo
  int matching_type = 0;  // 0 exact, 1 SHA-256, 2 SHA-512
  std::string data;       // association data, lower-case hex
  bool usable = false;    // usage 2/3, selector 0/1, matching 0/1/2, digest length right
  std::string unusable_reason;
};

/// The TLSA lookup for one MX host (RFC 7672 section 2.2) or submission service (RFC 7673).
struct DaneEvidence {
  bool looked_up = false;
  std::string tlsa_name;    // _25._tcp.<base domain> the records came from (submission: _465, _587)
  std::string base_domain;  // the MX host, or its CNAME target (RFC 7672 2.2.2)
  std::string dnssec;       // secure | insecure | bogus of the TLSA answer
  int rcode = 0;
  bool nxdomain = false;
  std::string error;  // the lookup failed (timeout, SERVFAIL, resolver error)
  std::string why_bogus;
  std::vector<TlsaRecord> records;
  bool records_truncated = false;
  bool applies = false;               // the probe ran OpenSSL's DANE verifier: set from checks::dane_applies
  long long rrsig_expires_epoch = 0;  // earliest RRSIG expiration over the TLSA answer (0: none seen)
};

/// DANE verification of one address's chain (OpenSSL's verifier on the probe's handshake).
struct DaneAddressResult {
  bool checked = false;            // DANE applied and a handshake took place
  bool matched = false;            // OpenSSL authenticated the peer through a TLSA record
  int matched_record = -1;         // index into MxEvidence::dane.records
  int depth = -1;                  // chain depth of the matching certificate (0 = leaf)
  std::string error;               // why not: OpenSSL's verification error, or no TLS
  std::vector<int> record_depths;  // per record: depth of the presented certificate it matches, -1 none
};

/// One DNS blocklist lookup of one address (RFC 5782 section 2.1): A, then TXT when listed.
struct DnsblLookup {
  std::string zone;
  std::string query;               // e.g. 25.2.0.192.zen.spamhaus.org
  bool answered = false;           // an A answer or NXDOMAIN came back
  std::vector<std::string> codes;  // the A records (127.0.0.x), empty: not listed
  std::string reason;              // the TXT record(s), escaped
  std::string error;               // the lookup failed (timeout, SERVFAIL, REFUSED)
};

/// How long the server took for one reply (tarpits delay every one).
struct ReplyTiming {
  std::string command;  // the verb answered (EHLO, MAIL, RCPT, ...)
  double ms = 0;        // from the command (or the previous reply of its group) to the reply
};

/// The first session when mxray reconnected, as a sender would: after postscreen's first-contact
/// 450 or a greylisting deferral whose text says how soon to retry. The rest of the address's
/// evidence is the second session's.
struct RetryEvidence {
  bool retried = false;
  std::string reason;            // postscreen | greylisting (why mxray reconnected)
  std::string not_retried;       // why a deferral was not retried (no stated wait, wait beyond the deadline)
  double wait_ms = 0;            // waited before the reconnect
  int stated_wait_s = -1;        // the wait the server's text asked for (-1: none stated)
  BannerEvidence first_banner;   // the first session's greeting
  std::string deferred_command;  // MAIL FROM or RCPT TO
  int deferred_code = 0;
  std::string deferred_text;
};

/// One SMTP session to one address of one MX.
struct AddressEvidence {
  std::string ip;
  std::string family;         // ipv4 | ipv6
  std::string special_range;  // loopback, private, ... (empty for public)
  bool allowed = true;        // false: refused by the address policy, not probed
  ConnectEvidence connect;
  BannerEvidence banner;
  EhloEvidence ehlo;
  StartTlsEvidence starttls;
  EhloEvidence ehlo_tls;  // EHLO repeated inside TLS
  CertificateEvidence certificate;
  CommandProbe vrfy;             // VRFY postmaster, before STARTTLS
  CommandProbe expn;             // EXPN postmaster, before STARTTLS
  CommandProbe mail_before_tls;  // MAIL FROM before STARTTLS: is TLS required?
  RelayEvidence relay;
  ReverseDnsEvidence reverse_dns;
  DaneAddressResult dane;
  std::vector<DnsblLookup> dnsbl;        // --dnsbl: one per zone
  std::vector<std::string> shared_with;  // other MX names pointing here, judged on this same session
  std::string evidence_from;             // the MX name whose session this evidence is (empty: this MX's own)
  bool quit_sent = false;
  std::vector<std::string> bounds_hit;   // which limit was reached, e.g. "banner: line over 2048 bytes"
  std::vector<std::string> out_of_turn;  // server bytes that came before mxray's next command (desync)
  std::vector<ReplyTiming> reply_times;  // every reply after the greeting, main session (at most 64)
  RetryEvidence retry;
  std::string concurrent_refusal;    // a second session at the same time was refused with this reply (4xx greeting)
  bool sessions_serialised = false;  // after that refusal, the second session ran once the first had ended
  std::string aborted;               // why the session ended early, if it did
  std::string aborted_kind;          // timeout | closed | malformed | line_too_long | ...
  std::vector<core::TimedStep> timeline;  // every session's steps, since the start of the check (at most 64)
  double duration_ms = 0;
};

/// One MX host (or the domain itself under the implicit-MX rule).
struct MxEvidence {
  std::string host;
  int preference = 0;
  bool implicit = false;      // RFC 5321 5.1: no MX, the domain's own address
  bool ip_literal = false;    // the MX target is written like an IP address
  std::string cname_target;   // the MX target is an alias for this name
  std::string dnssec;         // secure | insecure | bogus of the address answers
  std::string address_error;  // lookup failure text
  bool addresses_truncated = false;
  std::vector<AddressEvidence> addresses;
  DaneEvidence dane;
  std::string direct;                 // host | address: given on the command line, not found by an MX lookup
  long long rrsig_expires_epoch = 0;  // earliest RRSIG expiration over the A/AAAA answers (0: none seen)
};

/// A TXT record set as fetched (`_mta-sts.<domain>`, `_smtp._tls.<domain>`).
struct TxtLookup {
  std::string name;
  std::string dnssec;
  int rcode = 0;
  bool nxdomain = false;
  std::string error;                 // the lookup failed (timeout, SERVFAIL, resolver error)
  std::vector<std::string> records;  // every TXT record, strings joined, escaped
};

/// One line of an MTA-STS policy that could not be used.
struct PolicyLineProblem {
  int line = 0;      // 1-based
  std::string text;  // escaped, cut to 200 bytes
  std::string problem;
};

/// The parsed MTA-STS policy (RFC 8461 section 3.2).
struct MtaStsPolicy {
  bool parsed = false;
  std::string version;
  std::string mode;                 // enforce | testing | none (as written when invalid)
  std::vector<std::string> mx;      // patterns as written
  long long max_age = -1;           // -1: absent or invalid
  std::vector<std::string> errors;  // policy-level problems (missing or invalid keys)
  std::vector<PolicyLineProblem> bad_lines;
  std::vector<std::string> unknown_keys;
  bool valid = false;  // version STSv1, valid mode, max_age, and an mx unless mode none
};

/// The HTTPS fetch of https://mta-sts.<domain>/.well-known/mta-sts.txt.
struct PolicyFetch {
  bool attempted = false;
  std::string url;
  std::string host;
  std::vector<std::string> addresses;  // what mta-sts.<domain> resolved to
  std::string ip;                      // the address connected to
  std::string error;                   // why no policy was obtained, readable
  std::string error_kind;              // dns | address_policy | connect | tls | certificate | http | redirect |
                                       // status | content_type | too_large | timeout
  std::string tls_version;
  bool cert_trusted = false;
  bool cert_name_match = false;
  std::string cert_error;
  int status = 0;
  std::string location;  // Location of a redirect (not followed)
  std::string content_type;
  std::size_t body_bytes = 0;
  bool ok = false;  // 200, text/plain, within bounds, trusted certificate
  double ms = 0;
};

/// Per MX: whether the policy lists it (what that means for senders is the judge's call).
struct MtaStsMxResult {
  std::string host;
  bool matches = false;  // the MX host matches one of the policy's mx patterns
  std::string pattern;   // the pattern that matched
};

/// The domain's MTA-STS (RFC 8461).
struct MtaStsEvidence {
  TxtLookup txt;
  std::vector<std::string> sts_records;  // the TXT records that start with v=STSv1
  std::string id;                        // of the single valid record
  std::string txt_error;                 // none | several | malformed (empty when one valid record)
  std::string txt_detail;
  PolicyFetch fetch;
  MtaStsPolicy policy;
  std::vector<MtaStsMxResult> mx;
};

/// The domain's TLS-RPT record (RFC 8460).
struct TlsRptEvidence {
  TxtLookup txt;
  std::vector<std::string> rpt_records;  // the TXT records that start with v=TLSRPTv1
  std::vector<std::string> rua;          // the reporting URIs of the single record
  std::string error;                     // none | several | malformed
  std::string detail;
};

/// Where mxray looked from: problems at this end must not be blamed on the server.
struct VantageEvidence {
  std::string ehlo_name;               // the name mxray announced
  std::vector<std::string> resolvers;  // the DNS resolvers asked ("system" for /etc/resolv.conf)
  std::string trust_anchor;            // the DNSSEC trust anchor file
};

/// What was checked: a domain (through its MX records) or a host or address given directly.
struct TargetEvidence {
  std::string kind = "domain";       // domain | host | address
  bool mx_lookup = true;             // false: no MX lookup was made
  std::vector<std::string> skipped;  // checks that need a domain and were not made: mta_sts, tls_rpt
};

/// A certificate about to be deployed (--next-cert), matched against what DNS publishes now.
struct NextCertificateMx {
  std::string host;
  std::string matched_name;        // the SAN that covers the MX name, empty when none does
  bool tlsa_looked_up = false;     // the MX has TLSA records to match against
  std::vector<int> record_depths;  // per TLSA record: depth in the file's chain it matches, -1 none
};

/// The file given with --next-cert: its chain and how it fits each MX.
struct NextCertificateEvidence {
  bool given = false;
  std::string file;
  std::string error;                    // the file could not be read as PEM certificates
  std::vector<CertificateFacts> chain;  // leaf first, as in the file
  std::vector<NextCertificateMx> mx;
};

/// The blocklists asked (--dnsbl), or why the default set was not.
struct DnsblEvidence {
  std::vector<std::string> zones;
  std::string skipped;  // e.g. the default set is off behind a public resolver
};

/// One SRV record (RFC 2782) of a submission service name.
struct SrvRecord {
  int priority = 0;
  int weight = 0;
  int port = 0;
  std::string target;  // "." means: no such service here (RFC 6186 section 3.4)
};

/// The SRV lookup of `_submissions._tcp.<domain>` or `_submission._tcp.<domain>` (RFC 6186).
struct SrvLookup {
  std::string name;
  std::string dnssec;
  int rcode = 0;
  bool nxdomain = false;
  std::string error;               // the lookup failed (timeout, SERVFAIL, resolver error)
  std::vector<SrvRecord> records;  // sorted by priority, then weight (highest first)
  bool records_truncated = false;
};

/// One session to one address of a submission service: implicit TLS (465) or STARTTLS (587).
struct SubmissionAddress {
  std::string ip;
  std::string special_range;  // loopback, private, ... (empty for public)
  bool allowed = true;        // false: refused by the address policy, not probed
  ConnectEvidence connect;
  StartTlsEvidence tls;  // implicit TLS: the handshake right after connect (offered/attempted mean "tried")
  BannerEvidence banner;
  EhloEvidence ehlo;      // STARTTLS services: the EHLO before TLS (AUTH offered here is the danger)
  EhloEvidence ehlo_tls;  // EHLO inside TLS
  CertificateEvidence certificate;
  DaneAddressResult dane;        // DANE (RFC 7673) on this handshake, when the service's TLSA records apply
  RelayEvidence relay;           // MAIL FROM / RCPT TO to an outside domain without AUTH (never DATA)
  bool plaintext_reply = false;  // implicit TLS: the server answered the ClientHello with an SMTP line
  bool quit_sent = false;
  std::string aborted;
  std::string aborted_kind;
  std::vector<core::TimedStep> timeline;  // the session's steps, since the start of the check
  double duration_ms = 0;
};

/// One submission service: a host and port, and how it was found.
struct SubmissionService {
  std::string host;
  int port = 0;
  std::string mode;           // implicit_tls (465, RFC 8314 3.3) | starttls (587, RFC 6409)
  std::string found_by;       // srv | mx | name (smtp.<domain>, mail.<domain>)
  std::string dnssec;         // of the address answers
  std::string address_error;  // the host's addresses could not be found
  DaneEvidence dane;          // TLSA of _<port>._tcp.<host> (RFC 7673: the SRV target is the base domain)
  std::vector<SubmissionAddress> addresses;
};

/// The domain's mail submission services (--submission): RFC 6186 discovery, RFC 8314 checks.
struct SubmissionEvidence {
  bool checked = false;            // --submission was given
  SrvLookup submissions;           // _submissions._tcp (implicit TLS)
  SrvLookup submission;            // _submission._tcp (STARTTLS)
  std::string source;              // srv | guess: SRV records named the services, or the usual names were tried
  std::vector<std::string> tried;  // guess: every host:port tried, found or not
  std::vector<SubmissionService> services;  // the services that were probed (guess: only those that answered)
};

/// Everything observed about one domain.
struct DomainEvidence {
  std::string schema = "mxray.evidence/1";
  std::string input;       // as typed
  std::string domain;      // normalised A-label form
  std::string checked_at;  // ISO 8601 UTC
  long long checked_at_epoch = 0;
  std::string mx_dnssec;  // secure | insecure | bogus
  int mx_rcode = 0;
  long long mx_rrsig_expires_epoch = 0;  // earliest RRSIG expiration over the MX answer (0: none seen)
  TargetEvidence target;
  bool null_mx = false;
  int null_mx_preference = 0;  // the preference of the single "." record (RFC 7505 says 0)
  bool implicit_mx = false;
  bool mx_truncated = false;
  bool deadline_hit = false;  // the whole-check deadline ended some probes
  bool allow_private = false;
  int port = 25;
  VantageEvidence vantage;
  std::vector<MxEvidence> mx;
  MtaStsEvidence mta_sts;
  TlsRptEvidence tls_rpt;
  NextCertificateEvidence next_certificate;
  DnsblEvidence dnsbl;
  SubmissionEvidence submission;
  std::vector<core::TimedStep> timeline;  // the domain's own stages (DNS, policy fetch, reverse DNS, ...)
  double duration_ms = 0;
};

}  // namespace mxray::report
