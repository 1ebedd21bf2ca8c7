// The web server's settings: where it listens, what a check may do, and the bounds that
// protect it from its clients (request sizes, time limits, rate limits, concurrent checks,
// connections, trusted proxies, allowed Host names). All values come from the command line
// (`mxray serve`); the defaults are the safe ones for a service that faces strangers.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "mxray/pipeline/check.hpp"

namespace mxray::web {

/// Bounds on what one client can make the server do.
struct ServerLimits {
  std::size_t header_bytes = 8 * 1024;        // request line and headers (431 above)
  std::size_t request_line_bytes = 4 * 1024;  // method, target and version (414 above)
  std::size_t body_bytes = 1024;              // GET only: any larger body is refused (413)
  std::chrono::seconds header_timeout{10};    // to receive request line and headers (408; slowloris)
  std::chrono::seconds body_timeout{10};      // to receive the body once the headers are in (408)
  std::chrono::seconds write_timeout{30};     // to send one response or one event
  std::chrono::seconds sse_keepalive{10};     // a comment on an event stream quiet for this long
  std::size_t requests_per_connection = 100;
  std::size_t max_connections = 512;            // open connections; more are closed at once
  std::size_t max_connections_per_client = 16;  // open connections of one client (not trusted proxies)
  std::size_t max_concurrent_checks = 8;        // checks running at once, all clients together
  std::size_t max_checks_per_client = 2;        // checks in flight for one client
  double checks_per_minute = 10;                // per client (token bucket, burst = this)
  std::size_t domain_checks_per_minute = 6;     // per target domain, all clients together (sliding minute)
  std::size_t max_tracked_clients = 10'000;
  std::size_t max_tracked_domains = 10'000;
};

/// Everything `mxray serve` was told.
struct ServerConfig {
  std::string listen = "127.0.0.1:8080";         // ADDR:PORT or [ADDR6]:PORT; port 0 picks one
  std::string user = "nobody";                   // runs as this user when started as root
  std::vector<std::string> trusted_proxies;      // CIDRs whose forwarding header names the client
  std::string proxy_header = "x-forwarded-for";  // x-forwarded-for | forwarded
  std::vector<std::string> public_names;         // allowed Host names; empty: the listen address
  ServerLimits limits;
  bool metrics = false;       // --metrics: GET /probe?target= (exporter) and GET /metrics
  std::string build_version;  // for mxray_build_info on /metrics
  std::string build_commit;
  pipeline::CheckOptions check;  // resolver, CA file, allow_private, probe limits, and
                                 // what every visitor's check may do (relay, VRFY/EXPN,
                                 // legacy TLS): fixed here, no query can change it
};

}  // namespace mxray::web
