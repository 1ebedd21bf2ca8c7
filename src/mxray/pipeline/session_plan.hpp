// Which SMTP sessions a check makes: one per distinct address, whatever the number of MX
// names pointing there, and how the evidence of one session is shared by the other names.
// Pure functions over the resolved evidence, so the plan is unit-testable.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "mxray/report/evidence.hpp"

namespace mxray::pipeline {

/// One session to make: ev.mx[mx].addresses[address], and the entries that reuse it.
struct PlannedSession {
  std::size_t mx = 0;
  std::size_t address = 0;
  bool tls_only = false;                 // a further handshake for an MX name with its own DANE records
  int base = -1;                         // for tls_only: the plan index of the address's full session
  std::vector<std::string> other_names;  // MX names sharing this address
  std::vector<std::pair<std::size_t, std::size_t>> copies;  // (mx, address) entries filled from this one
};

/// What a handshake with `mx` must be verified against: its TLSA records where DANE applies
/// (with the base domain when DANE-TA checks names), empty otherwise. Equal signatures can share one handshake.
std::string dane_signature(const report::MxEvidence& mx);

/// The sessions for `ev` (IP-literal MX targets are not probed: senders cannot use them).
std::vector<PlannedSession> plan_sessions(const report::DomainEvidence& ev);

/// After the sessions: fills every copy from its session (name match and DANE per MX name)
/// and records which names shared each address.
void share_evidence(report::DomainEvidence& ev, const std::vector<PlannedSession>& plan);

}  // namespace mxray::pipeline
