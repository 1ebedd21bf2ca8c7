// What a monitoring probe (`GET /probe`, the Prometheus exporter) says about a check: the
// judge's yes/no answers per address (greeted, STARTTLS completed, DANE matched, open relay)
// and for the domain (probe success, MTA-STS mode). Pure: evidence and judgement in; the
// renderer (report/prometheus.hpp) only writes these down.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "mxray/checks/finding.hpp"
#include "mxray/report/evidence.hpp"

namespace mxray::checks {

/// One (MX name, address) pair, as a sender would try it.
struct AddressOutcome {
  std::string mx;
  std::string ip;
  const report::AddressEvidence* session = nullptr;  // its evidence (times, TLS, chain); lives as long as it
  bool probed = false;                               // allowed by the address policy and a connect was attempted
  bool connected = false;                            // TCP connect to the SMTP port succeeded
  bool greeted = false;                              // 220 greeting: the server takes mail
  bool starttls_offered = false;                     // STARTTLS in the EHLO reply
  bool starttls = false;                             // the TLS handshake after STARTTLS completed
  bool certificate_trusted = false;                  // chain verified against the trust store, dates included
  bool certificate_name_match = false;               // the MX name matches the certificate (RFC 6125)
  std::optional<bool> dane_match;                    // DANE applies to the MX and a handshake took place
  std::optional<bool> open_relay;                    // the relay test ran: the judge found the relay open
  Verdict verdict = Verdict::inconclusive;
};

/// One MX host under the domain's MTA-STS policy.
struct MtaStsCoverage {
  std::string mx;
  bool listed = false;  // one of the policy's mx patterns matches the host
};

struct ProbeOutcome {
  bool success = false;  // the check ran and the domain's verdict is pass or warn
  Verdict verdict = Verdict::inconclusive;
  std::vector<AddressOutcome> addresses;              // every address of every MX name, in MX order
  std::string mta_sts_mode;                           // enforce | testing | none | invalid; "" without a policy
  std::vector<MtaStsCoverage> mta_sts_coverage;       // per MX, when a policy was parsed
  std::array<std::size_t, 4> findings_by_severity{};  // indexed by Severity (ok, info, warning, critical)
};

/// The outcome of a check that ran (also one whose every probe failed).
ProbeOutcome probe_outcome(const report::DomainEvidence& evidence, const Judgement& judgement);

}  // namespace mxray::checks
