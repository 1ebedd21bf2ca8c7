// See server_metrics.hpp.
#include "mxray/web/server_metrics.hpp"

#include <array>

#include "mxray/report/prometheus.hpp"
#include "mxray/web/assets.hpp"

namespace mxray::web {
namespace {

constexpr std::array<std::string_view, 8> kRoutes = {"/api/v1/check",    "/api/v1/check/stream",
                                                     "/api/v1/messages", "/api/v1/openapi.json",
                                                     "/healthz",         "/probe",
                                                     "/metrics",         "/"};

std::string_view name_of(ServerMetrics::Rejection why) {
  switch (why) {
    case ServerMetrics::Rejection::client_checks_running: return "client_checks_running";
    case ServerMetrics::Rejection::server_busy: return "server_busy";
    case ServerMetrics::Rejection::client_rate: return "client_rate";
    case ServerMetrics::Rejection::domain_rate: return "domain_rate";
  }
  return "other";
}

}  // namespace

std::string_view route_of(std::string_view path) {
  for (const auto r : kRoutes) {
    if (path == r) return r;
  }
  if (path != "/openapi.json" && find_asset(path) != nullptr) return "asset";
  return "other";
}

void ServerMetrics::count_request(std::string_view route, unsigned status) {
  ++requests_[{std::string(route), status}];
}

void ServerMetrics::count_rejection(Rejection why) { ++rejections_[why]; }

std::string ServerMetrics::render(std::size_t checks_running, std::uint64_t checks_finished, std::string_view version,
                                  std::string_view commit) const {
  report::Exposition x;
  x.family("mxray_build_info", "gauge", "The mxray version and git commit serving (value 1).");
  x.sample({{"version", std::string(version)}, {"commit", std::string(commit)}}, 1);
  x.family("mxray_http_requests_total", "counter", "HTTP requests answered, by route and status code.");
  for (const auto& [key, n] : requests_) {
    x.sample({{"route", key.first}, {"code", std::to_string(key.second)}}, static_cast<double>(n));
  }
  x.family("mxray_checks_running", "gauge", "Checks running now (every endpoint).");
  x.sample(static_cast<double>(checks_running));
  x.family("mxray_checks_total", "counter", "Checks finished since the server started (every endpoint).");
  x.sample(static_cast<double>(checks_finished));
  x.family("mxray_rate_limit_rejections_total", "counter", "Checks refused with 429, by reason.");
  for (const auto why :
       {Rejection::client_checks_running, Rejection::server_busy, Rejection::client_rate, Rejection::domain_rate}) {
    const auto it = rejections_.find(why);
    x.sample({{"reason", std::string(name_of(why))}}, static_cast<double>(it != rejections_.end() ? it->second : 0));
  }
  return x.text();
}

}  // namespace mxray::web
