// The HTTP server of `mxray serve` (Boost.Beast on the check's own event loop): accepts
// connections, reads each request within the header, body and time limits, and hands it to
// the Router. Clients are untrusted: a malformed or oversized request gets a 4xx and a close.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstddef>
#include <memory>

#include "mxray/web/routes.hpp"
#include "mxray/web/server_config.hpp"

namespace mxray::web {

/// "127.0.0.1:8080", "[::1]:8080" or "0.0.0.0:80" as an endpoint; throws std::invalid_argument.
boost::asio::ip::tcp::endpoint parse_listen(const std::string& listen);

class HttpServer {
 public:
  /// Binds and listens at once (so privileges can be dropped after); throws std::runtime_error.
  HttpServer(boost::asio::io_context& io, const ServerConfig& config);

  /// The bound address (the port, when 0 was asked for).
  boost::asio::ip::tcp::endpoint local_endpoint() const;

  /// Starts accepting on the event loop.
  void start();

 private:
  boost::asio::awaitable<void> accept_loop();
  boost::asio::awaitable<void> session(boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& io_;
  ServerConfig config_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::unique_ptr<Router> router_;
  std::size_t connections_ = 0;
};

}  // namespace mxray::web
