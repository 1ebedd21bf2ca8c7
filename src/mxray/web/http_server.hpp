// The HTTP server of `mxray serve` (Boost.Beast on the check's own event loop): accepts
// connections (a cap in total and per client), reads each request within the header, body and
// time limits, works out the client (the peer, or behind a trusted proxy its forwarding
// header), and hands the request to the Router. Clients are untrusted: a malformed, oversized
// or too slow request gets a 4xx and a close.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "mxray/web/client_address.hpp"
#include "mxray/web/routes.hpp"
#include "mxray/web/server_config.hpp"

namespace mxray::web {

/// "127.0.0.1:8080", "[::1]:8080" or "0.0.0.0:80" as an endpoint; throws std::invalid_argument.
boost::asio::ip::tcp::endpoint parse_listen(const std::string& listen);

/// The --trusted-proxy blocks; throws std::invalid_argument naming a bad one.
std::vector<Cidr> parse_trusted_proxies(const std::vector<std::string>& texts);

class HttpServer {
 public:
  /// Binds and listens at once (so privileges can be dropped after); throws std::runtime_error
  /// (std::invalid_argument for a bad option).
  HttpServer(boost::asio::io_context& io, const ServerConfig& config);

  /// The bound address (the port, when 0 was asked for).
  boost::asio::ip::tcp::endpoint local_endpoint() const;

  /// Starts accepting on the event loop.
  void start();

 private:
  boost::asio::awaitable<void> accept_loop();
  boost::asio::awaitable<void> session(boost::asio::ip::tcp::socket socket, boost::asio::ip::address peer,
                                       std::string peer_key, bool counted);
  std::string client_of(const boost::asio::ip::address& peer, const Request& request) const;

  boost::asio::io_context& io_;
  ServerConfig config_;
  std::vector<Cidr> trusted_;
  ProxyHeader proxy_header_ = ProxyHeader::x_forwarded_for;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::unique_ptr<Router> router_;
  std::size_t connections_ = 0;
  std::unordered_map<std::string, std::size_t> per_client_;  // open connections by client key
};

}  // namespace mxray::web
