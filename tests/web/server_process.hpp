// Starts `mxray serve` on a free port for a test and stops it afterwards; sends plain HTTP
// requests to it (Beast, blocking, with a socket timeout) and reads server-sent events.
#pragma once

#include <nlohmann/json.hpp>

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace mxray::testing {

/// One HTTP response; header names lower-cased.
struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;
  std::string body;
  std::string error;  // non-empty: no response (connection failed, timeout)
  std::string header(const std::string& name) const;
};

/// One server-sent event.
struct Event {
  std::string name;
  std::string data;
};

class ServerProcess {
 public:
  /// Runs `mxray serve --listen 127.0.0.1:0 ARGS...`; throws when it does not start listening.
  explicit ServerProcess(const std::vector<std::string>& args);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  unsigned short port() const { return port_; }
  pid_t pid() const { return pid_; }
  /// GET (or another method) `target` with extra headers (a Host header replaces the default
  /// 127.0.0.1:PORT), from `source` (a 127.0.0.x address) when given.
  HttpReply get(const std::string& target, const std::map<std::string, std::string>& headers = {},
                const std::string& method = "GET", const std::string& body = "", const std::string& source = "") const;
  /// Sends raw bytes and returns whatever comes back until the server closes.
  std::string raw(const std::string& bytes) const;
  /// Opens a TCP connection from `source` (empty: any) and returns its descriptor (-1 on failure).
  int connect_raw(const std::string& source = "") const;

 private:
  pid_t pid_ = -1;
  unsigned short port_ = 0;
};

/// The lab's mxray options (mxray.args), with or without --allow-private.
std::vector<std::string> lab_server_args(bool allow_private);

/// `args` followed by `extra` (server options on top of the lab's).
std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& extra);

/// The reply's body as JSON (discarded when it is not JSON).
nlohmann::json body_json(const HttpReply& r);

/// Waits up to `seconds` for bytes or the close on `fd`: what arrived, and whether it closed.
struct RawRead {
  std::string bytes;
  bool closed = false;
};
RawRead read_until_close(int fd, double seconds);

/// Splits an event-stream body into events.
std::vector<Event> parse_events(const std::string& body);

}  // namespace mxray::testing
