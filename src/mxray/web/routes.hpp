// Which request goes where: the page's files, /healthz, /api/v1/openapi.json,
// /api/v1/messages, /api/v1/check and /api/v1/check/stream, and with --metrics /probe
// (Prometheus exporter) and /metrics (the server's counters). GET and HEAD only; paths and
// parameters are untrusted and only compared, never used to open files. A Host that is not
// on the allow-list gets 421 (DNS rebinding), except for /healthz.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <string>

#include "mxray/web/check_api.hpp"
#include "mxray/web/host_allow.hpp"
#include "mxray/web/http_types.hpp"
#include "mxray/web/server_config.hpp"

namespace mxray::web {

class Router {
 public:
  /// Throws std::runtime_error for a bad check configuration.
  Router(boost::asio::any_io_executor executor, const ServerConfig& config, HostAllowList hosts);

  /// Answers one request on `stream`; false when the connection must close afterwards.
  boost::asio::awaitable<bool> handle(Stream& stream, const Request& request, const std::string& client);

 private:
  ServerLimits limits_;
  HostAllowList hosts_;
  CheckApi api_;
  bool metrics_ = false;
  std::string version_;
  std::string commit_;
};

}  // namespace mxray::web
