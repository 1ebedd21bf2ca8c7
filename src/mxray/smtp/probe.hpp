// The probe of one (MX, address): connect, banner, EHLO (HELO fallback), STARTTLS, TLS,
// EHLO again, relay attempts (MAIL FROM / RCPT TO / RSET, never DATA), QUIT. Every step is
// recorded with its reply and time; the probe decides nothing (that is the judge's work).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "mxray/core/address_policy.hpp"
#include "mxray/core/limits.hpp"
#include "mxray/report/evidence.hpp"
#include "mxray/smtp/session_limiter.hpp"
#include "mxray/tls/client_context.hpp"

namespace mxray::smtp {

/// What a probe needs to know besides the address.
struct ProbeSettings {
  core::Limits limits;
  unsigned short port = 25;
  std::string ehlo_name = "mxray.invalid";
  std::string relay_from = "mxray-probe@example.org";
  std::string relay_to = "relay-test@example.net";
  bool test_relay = true;
  bool relay_all = false;       // every relay variant, not only the plain one
  bool probe_commands = true;   // VRFY, EXPN and MAIL FROM before STARTTLS
  bool scan_legacy_tls = true;  // one more session each for TLS 1.0 and 1.1
  std::string domain;           // the checked domain (relay variants aim at it)
  bool allow_private = false;
  std::vector<core::Prefix> deny_prefixes;  // refused even with allow_private (--deny-prefix)
  SessionLimiter* limiter = nullptr;        // sessions per remote address, shared by every check of the process
  long long now_epoch = 0;                  // the check's clock for certificate dates
  std::chrono::steady_clock::time_point check_deadline = std::chrono::steady_clock::time_point::max();
  std::chrono::steady_clock::time_point check_started{};  // origin of the timeline (unset: the probe's own start)
};

/// Told the name of each step as it finishes: connect, banner, ehlo, starttls, certificate,
/// relay, then done (last, always); the evidence filled so far is readable at that moment.
using StepObserver = std::function<void(std::string_view step)>;

/// Probes `evidence.ip` as mail host `mx.host` and fills `evidence`. Never throws for
/// anything the server does. `on_step` may be empty. `other_names` are further MX names that
/// point to the same address: the certificate is matched against each (name_matches).
boost::asio::awaitable<void> probe_address(const ProbeSettings& settings, tls::ClientContext& tls,
                                           const report::MxEvidence& mx, report::AddressEvidence& evidence,
                                           StepObserver on_step = {}, std::vector<std::string> other_names = {});

}  // namespace mxray::smtp
