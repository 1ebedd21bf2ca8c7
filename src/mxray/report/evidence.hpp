// The evidence model: everything the resolve and probe stages observed, as plain structs.
// It is the contract between stages and serialises to the JSON report (docs/json-schema.md).
// Strings that came from the network are already escaped (core::printable) when stored here.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace mxray::report {

/// The outcome of a TCP connect to port 25.
struct ConnectEvidence {
  bool attempted = false;
  bool ok = false;
  double ms = 0;
  std::string error;       // OS text, e.g. "Connection refused"
  std::string error_kind;  // refused | timeout | unreachable | other
};

/// The 220 greeting (or whatever the server said first).
struct BannerEvidence {
  bool received = false;
  int code = 0;
  std::string text;        // all lines, joined with "\n", without the codes
  double ms = 0;           // from connected to the end of the greeting
  std::string error;       // timeout | closed | malformed | line_too_long | too_many_lines | too_large
};

/// The EHLO (or HELO fallback) exchange.
struct EhloEvidence {
  bool sent = false;
  std::string command;     // EHLO or HELO
  int code = 0;
  std::string text;
  double ms = 0;
  std::string error;
  bool ehlo_refused = false;                     // EHLO got 5xx and HELO was tried
  std::map<std::string, std::string> extensions; // keyword (upper case) -> parameters
};

/// STARTTLS and the TLS handshake that follows it.
struct StartTlsEvidence {
  bool offered = false;
  bool attempted = false;
  bool ok = false;
  int code = 0;            // reply to STARTTLS
  std::string reply_text;
  std::string version;     // TLSv1.3
  std::string cipher;
  std::string key_exchange;  // e.g. X25519, P-256, DH 2048
  double ms = 0;           // STARTTLS command and handshake
  std::string error;
  std::size_t bytes_before_handshake = 0;  // plaintext sent after "220 Ready" (injection risk)
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
  std::string sha256;            // fingerprint of the DER, lower-case hex
  bool self_signed = false;
};

/// The presented chain and how it verified.
struct CertificateEvidence {
  bool present = false;
  std::vector<CertificateFacts> chain;  // leaf first, as presented
  std::size_t chain_length_presented = 0;
  bool trusted = false;           // verified against the trust store, dates included
  bool chain_trusted = false;     // the same with dates ignored (tells trust from expiry)
  int verify_code = 0;            // OpenSSL X509_V_ERR_*
  std::string verify_error;       // OpenSSL's text
  bool hostname_match = false;    // the MX name against the SANs (RFC 6125)
  std::string matched_name;
  long long days_left = 0;        // leaf notAfter minus the check time, whole days
  bool chain_truncated = false;   // more certificates than the bound
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
  std::vector<std::string> names;   // PTR targets
  bool forward_confirmed = false;   // one PTR name has this address among its A/AAAA
  std::string confirmed_name;
  std::string dnssec;
  std::string error;                // lookup failure (NXDOMAIN is "no PTR record")
};

/// One MAIL FROM / RCPT TO pair; DATA is never sent.
struct RelayAttempt {
  std::string variant;            // which trick (plain, null_sender, percent_hack, ...)
  std::string mail_from;
  std::string rcpt_to;
  int mail_code = 0;
  std::string mail_text;
  int code = 0;                   // reply to RCPT TO (0 when MAIL FROM was refused)
  std::string text;
  bool accepted = false;          // RCPT TO got 2xx
  bool targets_outside = true;    // false: a routing trick addressed to the MX's own domain
};

/// The open-relay test.
struct RelayEvidence {
  bool tested = false;
  bool open = false;
  std::string mode;               // quick | all
  std::string skipped_reason;
  bool over_tls = false;
  std::vector<RelayAttempt> attempts;
};

/// One SMTP session to one address of one MX.
struct AddressEvidence {
  std::string ip;
  std::string family;             // ipv4 | ipv6
  std::string special_range;      // loopback, private, ... (empty for public)
  bool allowed = true;            // false: refused by the address policy, not probed
  ConnectEvidence connect;
  BannerEvidence banner;
  EhloEvidence ehlo;
  StartTlsEvidence starttls;
  EhloEvidence ehlo_tls;          // EHLO repeated inside TLS
  CertificateEvidence certificate;
  CommandProbe vrfy;              // VRFY postmaster, before STARTTLS
  CommandProbe expn;              // EXPN postmaster, before STARTTLS
  CommandProbe mail_before_tls;   // MAIL FROM before STARTTLS: is TLS required?
  RelayEvidence relay;
  ReverseDnsEvidence reverse_dns;
  bool quit_sent = false;
  std::vector<std::string> bounds_hit;  // which limit was reached, e.g. "banner: line over 2048 bytes"
  std::string aborted;            // why the session ended early, if it did
  std::string aborted_kind;       // timeout | closed | malformed | line_too_long | ...
  double duration_ms = 0;
};

/// One MX host (or the domain itself under the implicit-MX rule).
struct MxEvidence {
  std::string host;
  int preference = 0;
  bool implicit = false;          // RFC 5321 5.1: no MX, the domain's own address
  bool ip_literal = false;        // the MX target is written like an IP address
  std::string cname_target;       // the MX target is an alias for this name
  std::string dnssec;             // secure | insecure | bogus of the address answers
  std::string address_error;      // lookup failure text
  bool addresses_truncated = false;
  std::vector<AddressEvidence> addresses;
};

/// Everything observed about one domain.
struct DomainEvidence {
  std::string schema = "mxray.evidence/1";
  std::string input;              // as typed
  std::string domain;             // normalised A-label form
  std::string checked_at;         // ISO 8601 UTC
  long long checked_at_epoch = 0;
  std::string mx_dnssec;          // secure | insecure | bogus
  int mx_rcode = 0;
  bool null_mx = false;
  bool implicit_mx = false;
  bool mx_truncated = false;
  bool deadline_hit = false;      // the whole-check deadline ended some probes
  bool allow_private = false;
  int port = 25;
  std::vector<MxEvidence> mx;
  double duration_ms = 0;
};

}  // namespace mxray::report
