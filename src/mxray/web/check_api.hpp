// The check endpoints: GET /api/v1/check (the `mxray check --json` document) and
// GET /api/v1/check/stream (the same check as server-sent events, step by step). The domain
// is untrusted input: validated first (400), then admitted by the per-client cap on checks in
// flight, the global cap on concurrent checks, the per-client rate limit and the per-domain
// rate limit (429 with Retry-After). What a check does (relay, VRFY/EXPN, legacy TLS) is the
// server's configuration; no parameter of the query changes it.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "mxray/pipeline/check.hpp"
#include "mxray/web/domain_limiter.hpp"
#include "mxray/web/http_types.hpp"
#include "mxray/web/query.hpp"
#include "mxray/web/rate_limiter.hpp"
#include "mxray/web/server_config.hpp"
#include "mxray/web/server_metrics.hpp"

namespace mxray::web {

/// The language of a response: `lang=` when given, else the request's Accept-Language.
std::string response_language(const Request& request, const Target& target);

class CheckApi {
 public:
  /// Throws std::runtime_error for a bad check configuration (resolver, trust anchor, CA file).
  CheckApi(boost::asio::any_io_executor executor, const ServerConfig& config);

  /// GET /api/v1/check?domain=...: the report JSON, or a JSON error.
  boost::asio::awaitable<Response> check(const Request& request, const Target& target, const std::string& client);

  /// GET /probe?target=...: the check as Prometheus text (--metrics), behind the same
  /// validation and limits as the other check endpoints.
  boost::asio::awaitable<Response> probe(const Request& request, const Target& target, const std::string& client);

  /// GET /api/v1/check/stream?domain=...: writes the whole response (events) itself; the
  /// connection closes after it. Returns the status it answered with.
  boost::asio::awaitable<unsigned> stream(Stream& stream, const Request& request, const Target& target,
                                          const std::string& client);

  /// Checks running now.
  std::size_t active_checks() const { return active_->total; }
  /// Checks finished since the server started.
  std::uint64_t finished_checks() const { return active_->finished; }
  /// The server's counters (requests are counted by the router, refusals here).
  ServerMetrics& metrics() { return metrics_; }

  /// Checks in flight, in total and by client key (entries removed at zero).
  struct InFlight {
    std::size_t total = 0;
    std::uint64_t finished = 0;
    std::unordered_map<std::string, std::size_t> by_client;
  };

 private:
  // The domain's problem (parameter `param`) as a 400, or a 429, or nothing when the check may start.
  std::optional<Response> refuse(const Request& request, const Target& target, const std::string& client,
                                 const std::string& param = "domain");

  boost::asio::any_io_executor executor_;
  ServerLimits limits_;
  std::shared_ptr<pipeline::Checker> checker_;
  RateLimiter limiter_;
  DomainLimiter domains_;
  std::shared_ptr<InFlight> active_ = std::make_shared<InFlight>();
  ServerMetrics metrics_;
};

}  // namespace mxray::web
