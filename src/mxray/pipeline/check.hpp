// One domain check end to end: resolve, then probe every (MX, address) at once. Produces the
// evidence; judging and rendering are the caller's next steps. One Checker per event loop,
// reused across checks (bulk scans, the web server).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <memory>
#include <string>

#include "mxray/dns/mail_hosts.hpp"
#include "mxray/dns/resolver.hpp"
#include "mxray/report/evidence.hpp"
#include "mxray/smtp/probe.hpp"
#include "mxray/tls/client_context.hpp"

namespace mxray::pipeline {

/// Everything a check can be told.
struct CheckOptions {
  dns::ResolverConfig resolver;
  dns::FamilyFilter families;
  smtp::ProbeSettings probe;  // includes the limits
  std::string ca_file;        // empty: the system trust store
};

/// The evidence, or why the domain could not be checked at all.
struct CheckResult {
  report::DomainEvidence evidence;
  std::string error;          // non-empty: could not check (bad input, DNS failure)
  bool ok() const { return error.empty(); }
};

class Checker {
 public:
  /// Throws std::runtime_error for a bad configuration (resolver, trust anchor, CA file).
  Checker(boost::asio::any_io_executor executor, CheckOptions options);
  ~Checker();

  /// Checks one domain as typed by the user.
  boost::asio::awaitable<CheckResult> check(std::string input);

 private:
  CheckOptions options_;
  std::unique_ptr<dns::Resolver> resolver_;
  std::unique_ptr<tls::ClientContext> tls_;
};

/// Runs one check on its own event loop (for the command line).
CheckResult check_domain(const std::string& input, const CheckOptions& options);

}  // namespace mxray::pipeline
