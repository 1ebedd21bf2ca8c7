// See http_server.hpp. One coroutine per connection; a request that breaks a limit is
// answered (400, 408, 413, 414, 431) and the connection closed; a slow client is cut off by
// the stream's deadlines while the event loop serves the others. No request is logged.
#include "mxray/web/http_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <stdexcept>

#include "mxray/web/host_allow.hpp"
#include "mxray/web/request_reader.hpp"
#include "mxray/web/responses.hpp"

namespace mxray::web {
namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;

tcp::endpoint parse_listen(const std::string& listen) {
  std::string host;
  std::string port;
  if (!listen.empty() && listen.front() == '[') {
    const auto close = listen.find(']');
    if (close == std::string::npos || close + 1 >= listen.size() || listen[close + 1] != ':') {
      throw std::invalid_argument("--listen: expected [ADDRESS]:PORT, got '" + listen + "'");
    }
    host = listen.substr(1, close - 1);
    port = listen.substr(close + 2);
  } else {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos)
      throw std::invalid_argument("--listen: expected ADDRESS:PORT, got '" + listen + "'");
    host = listen.substr(0, colon);
    port = listen.substr(colon + 1);
  }
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(host.empty() ? "127.0.0.1" : host, ec);
  if (ec) throw std::invalid_argument("--listen: '" + host + "' is not an IP address");
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
      std::stoul(port) > 65535) {
    throw std::invalid_argument("--listen: '" + port + "' is not a port number");
  }
  return {address, static_cast<unsigned short>(std::stoul(port))};
}

std::vector<Cidr> parse_trusted_proxies(const std::vector<std::string>& texts) {
  std::vector<Cidr> out;
  for (const auto& t : texts) {
    const auto block = core::parse_prefix(t);
    if (!block) throw std::invalid_argument("--trusted-proxy: '" + t + "' is not an address or ADDRESS/LENGTH");
    out.push_back(*block);
  }
  return out;
}

HttpServer::HttpServer(asio::io_context& io, const ServerConfig& config)
    : io_(io), config_(config), trusted_(parse_trusted_proxies(config.trusted_proxies)), acceptor_(io) {
  if (config.proxy_header == "forwarded") {
    proxy_header_ = ProxyHeader::forwarded;
  } else if (config.proxy_header != "x-forwarded-for") {
    throw std::invalid_argument("--proxy-header: expected x-forwarded-for or forwarded");
  }
  const auto endpoint = parse_listen(config.listen);
  boost::system::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) throw std::runtime_error("cannot listen on " + config.listen + ": " + ec.message());
  auto hosts = config.public_names.empty() ? HostAllowList::defaults(acceptor_.local_endpoint())
                                           : HostAllowList(config.public_names);
  router_ = std::make_unique<Router>(io.get_executor(), config_, std::move(hosts));
}

tcp::endpoint HttpServer::local_endpoint() const { return acceptor_.local_endpoint(); }

void HttpServer::start() {
  asio::co_spawn(io_, accept_loop(), [](std::exception_ptr) {});
}

asio::awaitable<void> HttpServer::accept_loop() {
  asio::steady_timer pause(io_);
  for (;;) {
    auto [ec, socket] = co_await acceptor_.async_accept(asio::as_tuple(asio::use_awaitable));
    if (ec == asio::error::operation_aborted) co_return;
    if (ec) {
      // Out of descriptors and the like: wait a little instead of spinning.
      pause.expires_after(std::chrono::milliseconds(100));
      co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
      continue;
    }
    if (connections_ >= config_.limits.max_connections) continue;  // the socket closes here
    boost::system::error_code peer_error;
    const auto peer = socket.remote_endpoint(peer_error).address();
    if (peer_error) continue;
    // A trusted proxy carries many clients on its connections: only others are capped here.
    const bool counted = !any_contains(trusted_, peer);
    auto key = client_key(peer);
    if (counted && per_client_[key] >= config_.limits.max_connections_per_client) continue;  // closes
    if (counted) ++per_client_[key];
    asio::co_spawn(io_, session(std::move(socket), peer, std::move(key), counted), [](std::exception_ptr) {});
  }
}

std::string HttpServer::client_of(const asio::ip::address& peer, const Request& request) const {
  if (trusted_.empty()) return client_key(peer);
  const std::string_view name = proxy_header_ == ProxyHeader::forwarded ? "Forwarded" : "X-Forwarded-For";
  std::vector<std::string_view> values;
  const auto range = request.equal_range(name);
  for (auto it = range.first; it != range.second; ++it) values.emplace_back(it->value().data(), it->value().size());
  return client_key(client_address(peer, trusted_, values, proxy_header_));
}

asio::awaitable<void> HttpServer::session(tcp::socket socket, asio::ip::address peer, std::string peer_key,
                                          bool counted) {
  ++connections_;
  struct Release {
    HttpServer& server;
    const std::string& key;
    bool counted;
    ~Release() {
      --server.connections_;
      if (!counted) return;
      const auto it = server.per_client_.find(key);
      if (it != server.per_client_.end() && --it->second == 0) server.per_client_.erase(it);
    }
  } release{*this, peer_key, counted};
  const auto& limits = config_.limits;
  Stream stream(std::move(socket));
  beast::flat_buffer buffer(limits.header_bytes + limits.body_bytes + 1024);
  try {
    for (std::size_t i = 0; i < limits.requests_per_connection; ++i) {
      RequestParser parser;
      auto outcome = co_await read_request(stream, buffer, parser, limits);
      if (!outcome.ok) {
        if (outcome.refusal) co_await write_response(stream, *outcome.refusal, limits.write_timeout);
        break;
      }
      auto& request = parser.get();
      // The last request this connection may carry: say so, so the client does not reuse it.
      if (i + 1 == limits.requests_per_connection) request.keep_alive(false);
      const bool keep = co_await router_->handle(stream, request, client_of(peer, request));
      if (!keep) break;
    }
  } catch (const std::exception&) {
    // A bug in one connection ends only that connection.
  }
  boost::system::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

}  // namespace mxray::web
