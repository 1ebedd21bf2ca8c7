// One TCP connection to an SMTP server, plain or upgraded with STARTTLS, where every
// operation has a deadline: a watchdog timer cancels the socket when a step overruns.
// Replies are read through ReplyReader, so its byte and line bounds apply to every read.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <memory>
#include <string>

#include "mxray/core/limits.hpp"
#include "mxray/smtp/reply.hpp"

namespace mxray::smtp {

/// The result of one step: whether it worked, how long it took and why not.
struct StepOutcome {
  bool ok = false;
  double ms = 0;
  std::string error;       // readable text
  std::string error_kind;  // timeout | closed | refused | unreachable | malformed | line_too_long | ...
};

/// A reply, or why none could be read.
struct ReplyOutcome {
  StepOutcome step;
  Reply reply;
};

class Connection {
 public:
  Connection(boost::asio::any_io_executor executor, const core::Limits& limits);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// TCP connect within `timeout`.
  boost::asio::awaitable<StepOutcome> connect(const boost::asio::ip::tcp::endpoint& to, core::Millis timeout);
  /// Reads one complete reply within `timeout`.
  boost::asio::awaitable<ReplyOutcome> read_reply(core::Millis timeout);
  /// Sends one command line (CRLF is added) within `timeout`.
  boost::asio::awaitable<StepOutcome> send(const std::string& command, core::Millis timeout);
  /// Sends a command and reads its reply, both within `timeout`.
  boost::asio::awaitable<ReplyOutcome> command(const std::string& command, core::Millis timeout);
  /// Upgrades the connection with a TLS client handshake (SNI = `server_name`); `prepare`
  /// runs on the new SSL handle before the handshake (DANE) and may return an error text.
  boost::asio::awaitable<StepOutcome> start_tls(boost::asio::ssl::context& context,
                                                const std::string& server_name, core::Millis timeout,
                                                std::function<std::string(SSL*)> prepare = {});

  /// The OpenSSL handle once TLS is up, else nullptr.
  SSL* ssl() const;
  /// Bytes received beyond the last complete reply.
  std::size_t unread_bytes() const { return reader_.buffered(); }
  /// mxray's own address on this connection (the vantage point), or "" when not connected.
  std::string local_address() const {
    boost::system::error_code ec;
    const auto ep = socket_.local_endpoint(ec);
    return ec ? std::string() : ep.address().to_string();
  }
  void close();

 private:
  struct WatchState;
  void arm(core::Millis timeout);
  bool disarm();  // true when the watchdog fired
  boost::asio::awaitable<std::pair<boost::system::error_code, std::size_t>> read_some(char* data, std::size_t size);

  const core::Limits& limits_;
  boost::asio::ip::tcp::socket socket_;
  std::unique_ptr<boost::asio::ssl::stream<boost::asio::ip::tcp::socket&>> tls_;
  ReplyReader reader_;
  boost::asio::steady_timer watchdog_;
  std::shared_ptr<WatchState> watch_;
};

}  // namespace mxray::smtp
