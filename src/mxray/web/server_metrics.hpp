// The server's own counters for GET /metrics (with --metrics): requests by route and status
// code, checks running and finished, rate-limit rejections by reason, build info. Routes are
// named from a fixed list, never from the client's path, so the label sets stay bounded. One
// event loop runs the server: no locking.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace mxray::web {

/// The route label of a request path: one of the server's routes, "asset", or "other".
std::string_view route_of(std::string_view path);

class ServerMetrics {
 public:
  /// Why a check was refused with 429 (the label values of the rejections counter).
  enum class Rejection { client_checks_running, server_busy, client_rate, domain_rate };

  void count_request(std::string_view route, unsigned status);
  void count_rejection(Rejection why);

  /// The text exposition of every counter, with the checks running now and finished so far.
  std::string render(std::size_t checks_running, std::uint64_t checks_finished, std::string_view version,
                     std::string_view commit) const;

 private:
  std::map<std::pair<std::string, unsigned>, std::uint64_t> requests_;
  std::map<Rejection, std::uint64_t> rejections_;
};

}  // namespace mxray::web
