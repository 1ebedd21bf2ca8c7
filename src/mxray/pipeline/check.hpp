// One domain check end to end: resolve, then probe every (MX, address) at once. Produces the
// evidence; judging and rendering are the caller's next steps. One Checker per event loop,
// reused across checks (bulk scans, the web server).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mxray/dns/mail_hosts.hpp"
#include "mxray/dns/resolver.hpp"
#include "mxray/pipeline/probe_cache.hpp"
#include "mxray/report/evidence.hpp"
#include "mxray/smtp/probe.hpp"
#include "mxray/smtp/session_limiter.hpp"
#include "mxray/tls/client_context.hpp"

namespace mxray::pipeline {

/// Everything a check can be told.
struct CheckOptions {
  dns::ResolverConfig resolver;
  dns::FamilyFilter families;
  smtp::ProbeSettings probe;          // includes the limits
  std::string ca_file;                // empty: the system trust store (also for MTA-STS policy fetches)
  unsigned short mta_sts_port = 443;  // HTTPS port of mta-sts.<domain> (the lab may move it)
  bool fetch_mta_sts = true;
  std::size_t sessions_per_address = 2;  // SMTP sessions open at once to one address, all checks together (0: no limit)
  bool direct_host = false;              // probe the name as an MX of its own (--host), no MX lookup
  std::string next_certificate_file;     // PEM certificate about to be deployed (--next-cert), matched against DNS
  bool submission = false;               // find and check the submission services (--submission, RFC 6186 / RFC 8314)
  std::vector<std::string> blocklists;   // DNSBL zones to ask for every address (--dnsbl; "default": the default set)
  double connections_per_second = 0;     // new connections per second to one address, all checks together (0: no limit)
  std::chrono::milliseconds busy_backoff{30000};  // with shared probes: pause and probe again after a 421 greeting
};

/// A session of a check that came from (or went into) the scan's shared probes.
struct SharedProbeNote {
  std::string ip;
  unsigned short port = 25;
  std::string probed_as;   // the MX name the session was made for
  std::string probed_for;  // the domain whose check made it
  long long taken_at_epoch = 0;
  bool reused = false;        // false: this check made the probe
  bool retried_busy = false;  // the server answered 421 and was probed again after a pause
};

/// The evidence, or why the domain could not be checked at all.
struct CheckResult {
  report::DomainEvidence evidence;
  std::string error;                    // non-empty: could not check (bad input, DNS failure)
  std::vector<SharedProbeNote> shared;  // with share_probes(): one per session
  bool ok() const { return error.empty(); }
};

/// One step of a check that just finished, for callers that show progress (the web page).
/// `mx` is reported once, when the MX hosts and their addresses are known; `address` for
/// each probe step (`step`: connect, banner, ehlo, starttls, certificate, relay, done).
struct ProgressEvent {
  enum class Kind { mx, address };
  Kind kind = Kind::mx;
  const report::DomainEvidence* evidence = nullptr;  // valid only during the call
  std::size_t mx_index = 0;                          // for Kind::address
  std::size_t address_index = 0;                     // for Kind::address
  std::string_view step;                             // for Kind::address
};

/// Called on the check's event loop; must not block. May be empty.
using ProgressObserver = std::function<void(const ProgressEvent&)>;

class Checker {
 public:
  /// Throws std::runtime_error for a bad configuration (resolver, trust anchor, CA file).
  Checker(boost::asio::any_io_executor executor, CheckOptions options);
  ~Checker();

  /// Checks one domain as typed by the user (or a host under direct_host, or an address
  /// literal "[192.0.2.25]:port"); `progress` hears of each finished step. `submission` adds
  /// the submission services to this one check (the web page's ?submission=1).
  boost::asio::awaitable<CheckResult> check(std::string input, ProgressObserver progress = {}, bool submission = false);

  /// Takes the SMTP sessions of every later check from `cache` (a bulk scan): an address
  /// already probed is not probed again. Null: every check makes its own sessions.
  void share_probes(ProbeCache* cache) { cache_ = cache; }
  smtp::SessionLimiter& limiter() { return *limiter_; }

 private:
  CheckOptions options_;
  std::unique_ptr<dns::Resolver> resolver_;
  std::unique_ptr<tls::ClientContext> tls_;
  std::unique_ptr<smtp::SessionLimiter> limiter_;  // shared by every check of this Checker
  ProbeCache* cache_ = nullptr;
};

/// Runs one check on its own event loop (for the command line).
CheckResult check_domain(const std::string& input, const CheckOptions& options);

}  // namespace mxray::pipeline
