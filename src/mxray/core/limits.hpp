// Every bound mxray puts on what a remote peer may send or how long it may take.
// One header so the numbers are reviewed together; every field is configurable by callers.
// Defaults follow DESIGN.md ("Bounds").
#pragma once

#include <chrono>
#include <cstddef>

namespace mxray::core {

using Millis = std::chrono::milliseconds;

/// Byte, count and time bounds for one domain check.
struct Limits {
  std::size_t max_reply_line = 2048;        // RFC 5321 4.5.3.1.5 says 512; real servers exceed it
  std::size_t max_reply_lines = 100;        // lines in one multi-line reply
  std::size_t max_reply_bytes = 64 * 1024;  // bytes in one multi-line reply
  std::size_t max_chain_certs = 10;         // certificates kept from a presented chain
  std::size_t max_cert_bytes = 64 * 1024;   // DER size of one certificate
  std::size_t max_san_names = 100;          // subjectAltNames kept per certificate (all are matched)
  std::size_t max_mx_hosts = 20;
  std::size_t max_addresses_per_host = 10;
  std::size_t max_tlsa_records = 20;         // TLSA records kept per MX host
  std::size_t max_txt_records = 20;          // TXT records kept per name
  std::size_t max_srv_records = 10;          // SRV records kept per submission name (RFC 6186)
  std::size_t max_submission_hosts = 6;      // hosts tried on 465 and 587 when no SRV record names one
  std::size_t max_txt_bytes = 4096;          // one TXT record, its strings joined
  std::size_t max_policy_bytes = 64 * 1024;  // MTA-STS policy body (RFC 8461 3.3 suggests 64 KiB)
  std::size_t max_policy_lines = 1000;       // lines of a policy looked at
  std::size_t max_http_header_bytes = 16 * 1024;
  std::size_t max_policy_addresses = 4;  // addresses of mta-sts.<domain> tried

  Millis connect_timeout{10'000};
  Millis banner_timeout{30'000};  // greeting delays (postscreen) are real
  Millis command_timeout{15'000};
  Millis tls_timeout{15'000};
  Millis probe_timeout{90'000};   // one (MX, address) session
  Millis check_timeout{120'000};  // the whole domain
  Millis dns_timeout{10'000};     // one DNS query
  Millis policy_timeout{10'000};  // the whole MTA-STS policy fetch
};

}  // namespace mxray::core
