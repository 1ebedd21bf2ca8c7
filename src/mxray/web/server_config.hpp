// The web server's settings: where it listens, what a check may do, and the bounds that
// protect it from its clients (request sizes, time limits, rate limit, concurrent checks).
// All values come from the command line (`mxray serve`); the defaults are the safe ones.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "mxray/pipeline/check.hpp"

namespace mxray::web {

/// Bounds on what one client can make the server do.
struct ServerLimits {
  std::size_t header_bytes = 8 * 1024;    // request line and headers
  std::size_t body_bytes = 1024;          // GET only: any larger body is refused
  std::chrono::seconds read_timeout{10};  // to receive one whole request
  std::chrono::seconds write_timeout{30}; // to send one response or one event
  std::size_t requests_per_connection = 100;
  std::size_t max_connections = 512;      // open connections; more are closed at once
  std::size_t max_concurrent_checks = 8;  // checks running at once, all clients together
  double checks_per_minute = 10;          // per client address (token bucket, burst = this)
  std::size_t max_tracked_clients = 10'000;
};

/// Everything `mxray serve` was told.
struct ServerConfig {
  std::string listen = "127.0.0.1:8080";  // ADDR:PORT or [ADDR6]:PORT; port 0 picks one
  std::string user = "nobody";            // runs as this user when started as root
  ServerLimits limits;
  pipeline::CheckOptions check;           // resolver, CA file, allow_private, probe limits
};

}  // namespace mxray::web
