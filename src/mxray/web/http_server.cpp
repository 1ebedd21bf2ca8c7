// See http_server.hpp. One coroutine per connection; a request that breaks a limit is
// answered (400, 413, 431) and the connection closed; a slow client is cut off by the
// stream's deadline. No request is logged.
#include "mxray/web/http_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <stdexcept>

#include "mxray/web/responses.hpp"

namespace mxray::web {
namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;

namespace {

// The answer to a request the parser rejected, or none when the connection just broke.
std::optional<std::pair<http::status, std::string>> parse_failure(const boost::system::error_code& ec) {
  if (ec.category() != beast::http::make_error_code(http::error::bad_target).category()) {
    if (ec == beast::error_code(asio::error::message_size) || ec == http::error::buffer_overflow) {
      return std::make_pair(http::status::request_header_fields_too_large, std::string("request too large"));
    }
    return std::nullopt;
  }
  if (ec == http::error::end_of_stream || ec == http::error::partial_message) return std::nullopt;
  if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
    return std::make_pair(http::status::request_header_fields_too_large, std::string("request headers too large"));
  }
  if (ec == http::error::body_limit) {
    return std::make_pair(http::status::payload_too_large, std::string("request body too large"));
  }
  return std::make_pair(http::status::bad_request, "malformed request: " + ec.message());
}

}  // namespace

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
    if (colon == std::string::npos) throw std::invalid_argument("--listen: expected ADDRESS:PORT, got '" + listen + "'");
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

HttpServer::HttpServer(asio::io_context& io, const ServerConfig& config)
    : io_(io), config_(config), acceptor_(io) {
  const auto endpoint = parse_listen(config.listen);
  boost::system::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) throw std::runtime_error("cannot listen on " + config.listen + ": " + ec.message());
  router_ = std::make_unique<Router>(io.get_executor(), config_);
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
    asio::co_spawn(io_, session(std::move(socket)), [](std::exception_ptr) {});
  }
}

asio::awaitable<void> HttpServer::session(tcp::socket socket) {
  ++connections_;
  struct Release {
    std::size_t& count;
    ~Release() { --count; }
  } release{connections_};
  const auto& limits = config_.limits;
  boost::system::error_code ec;
  const auto remote = socket.remote_endpoint(ec);
  const std::string client = ec ? std::string("unknown") : remote.address().to_string();
  Stream stream(std::move(socket));
  beast::flat_buffer buffer(limits.header_bytes + limits.body_bytes + 1024);
  try {
    for (std::size_t i = 0; i < limits.requests_per_connection; ++i) {
      http::request_parser<http::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(limits.header_bytes));
      parser.body_limit(limits.body_bytes);
      stream.expires_after(limits.read_timeout);
      auto [read_error, n] = co_await http::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
      if (read_error) {
        const auto failure = parse_failure(read_error);
        if (failure) {
          Request bad;
          bad.version(11);
          bad.keep_alive(false);
          auto res = error_response(bad, failure->first, failure->second);
          co_await write_response(stream, res, limits.write_timeout);
        }
        break;
      }
      auto& request = parser.get();
      // The last request this connection may carry: say so, so the client does not reuse it.
      if (i + 1 == limits.requests_per_connection) request.keep_alive(false);
      const bool keep = co_await router_->handle(stream, request, client);
      if (!keep) break;
    }
  } catch (const std::exception&) {
    // A bug in one connection ends only that connection.
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

}  // namespace mxray::web
