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
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mxray/core/limits.hpp"
#include "mxray/core/step_log.hpp"
#include "mxray/smtp/reply.hpp"
#include "mxray/smtp/session_limiter.hpp"

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
  double first_line_ms = 0;  // when the reply's first line was complete (a pause before the final line shows here)
};

/// How long one reply took, for the tarpit rule (at most kMaxReplyTimings per connection).
struct ReplyTime {
  std::string command;
  double ms = 0;
};
inline constexpr std::size_t kMaxReplyTimings = 64;

/// Why `command` must never be written to a server (empty: it may): CR, LF or NUL inside
/// the line, or a verb that starts message content (DATA, BDAT). Connection::send enforces it.
std::string_view refuse_to_send(std::string_view command);

class Connection {
 public:
  /// With a `limiter`, connect() first waits for a session slot to the remote address.
  Connection(boost::asio::any_io_executor executor, const core::Limits& limits, SessionLimiter* limiter = nullptr);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// TCP connect within `timeout`, after waiting for a session slot until `wait_until`
  /// (error_kind "politeness" when none came). `queued_ms` tells how long the wait took.
  boost::asio::awaitable<StepOutcome> connect(
      const boost::asio::ip::tcp::endpoint& to, core::Millis timeout,
      std::chrono::steady_clock::time_point wait_until = std::chrono::steady_clock::time_point::max());
  double queued_ms() const { return queued_ms_; }
  /// Reads one complete reply within `timeout`.
  boost::asio::awaitable<ReplyOutcome> read_reply(core::Millis timeout);
  /// Sends one command line (CRLF is added) within `timeout`.
  boost::asio::awaitable<StepOutcome> send(const std::string& command, core::Millis timeout);
  /// Sends a command and reads its reply, both within `timeout`.
  boost::asio::awaitable<ReplyOutcome> command(const std::string& command, core::Millis timeout);
  /// Sends `commands` as one pipelined group (RFC 2920: one write), then reads one reply per
  /// command, all within `timeout`. Stops at the first reply that cannot be read; the result
  /// then holds the replies so far and that failure last. Only for servers that advertised
  /// PIPELINING, and only with commands RFC 2920 lets stand in a group (the group-ending ones,
  /// EHLO, VRFY, EXPN, STARTTLS, QUIT, last).
  boost::asio::awaitable<std::vector<ReplyOutcome>> exchange(const std::vector<std::string>& commands,
                                                             core::Millis timeout);
  /// Upgrades the connection with a TLS client handshake (SNI = `server_name`, none for "" or "[ip]"); `prepare`
  /// runs on the new SSL handle before the handshake (DANE) and may return an error text.
  boost::asio::awaitable<StepOutcome> start_tls(boost::asio::ssl::context& context, const std::string& server_name,
                                                core::Millis timeout, std::function<std::string(SSL*)> prepare = {});

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
  /// Records, under `step`, bytes that arrived after a reply and before mxray's next command
  /// (command() does it for every command but STARTTLS, whose case is judged on its own).
  void note_out_of_turn(std::string_view step);
  /// Records a reply that cannot belong to its command (e.g. RSET not answered 250).
  void note_out_of_step(std::string what) {
    if (out_of_turn_.size() < 20) out_of_turn_.push_back(std::move(what));
  }
  /// Records every step from now on into `log`: connect (and the wait for a session slot),
  /// the greeting, each command or pipelined group (named by its verbs), the TLS handshake.
  void set_step_log(core::StepLog log) { log_ = std::move(log); }
  /// Records a step the caller timed itself (QUIT and its short wait), ending now.
  void note_step(std::string step, std::chrono::steady_clock::time_point from, bool ok) const {
    log_.add(std::move(step), from, std::chrono::steady_clock::now(), ok);
  }
  /// Every reply to a command so far, with the time it took (for a group: since the previous reply).
  const std::vector<ReplyTime>& reply_times() const { return reply_times_; }
  /// What note_out_of_turn recorded: "STEP: N bytes after the reply, before the next command".
  const std::vector<std::string>& out_of_turn() const { return out_of_turn_; }
  void close();

 private:
  struct WatchState;
  void arm(core::Millis timeout);
  bool disarm();       // true when the watchdog fired
  void ack_at_once();  // TCP_QUICKACK: no delayed ACK to hold back a server's next reply
  boost::asio::awaitable<ReplyOutcome> read_one(core::Millis timeout);
  boost::asio::awaitable<std::vector<ReplyOutcome>> exchange_group(const std::vector<std::string>& commands,
                                                                   core::Millis timeout);
  boost::asio::awaitable<std::pair<boost::system::error_code, std::size_t>> read_some(char* data, std::size_t size);

  const core::Limits& limits_;
  SessionLimiter* limiter_;
  SessionLimiter::Permit permit_;
  double queued_ms_ = 0;
  std::vector<std::string> out_of_turn_;
  std::vector<ReplyTime> reply_times_;
  core::StepLog log_;
  bool sent_any_ = false;  // a command was written (a reply read before that is the greeting)
  void note_reply_time(const std::string& command, double ms);
  boost::asio::ip::tcp::socket socket_;
  std::unique_ptr<boost::asio::ssl::stream<boost::asio::ip::tcp::socket&>> tls_;
  ReplyReader reader_;
  boost::asio::steady_timer watchdog_;
  std::shared_ptr<WatchState> watch_;
};

}  // namespace mxray::smtp
