// See connection.hpp. Errors never throw: every I/O call uses as_tuple and the outcome
// carries the error text, so one failing server cannot disturb the others.
#include "mxray/smtp/connection.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <chrono>

#include "mxray/core/text.hpp"
#include "mxray/tls/client_context.hpp"

namespace mxray::smtp {
namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

double elapsed_ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
}

// The verb of a command line, as the step is named: "MAIL" for "MAIL FROM:<a@b>".
std::string verb_of(const std::string& command) { return command.substr(0, command.find(' ')); }

// A pipelined group's step: its verbs in order, each once (MAIL+RCPT+RSET+VRFY).
std::string group_name(const std::vector<std::string>& commands) {
  std::vector<std::string> verbs;
  for (const auto& c : commands) {
    auto v = verb_of(c);
    if (std::find(verbs.begin(), verbs.end(), v) == verbs.end()) verbs.push_back(std::move(v));
  }
  std::string name;
  for (const auto& v : verbs) name += (name.empty() ? "" : "+") + v;
  return name;
}

std::string kind_of(const boost::system::error_code& ec) {
  if (ec == asio::error::connection_refused) return "refused";
  if (ec == asio::error::network_unreachable || ec == asio::error::host_unreachable) return "unreachable";
  if (ec == asio::error::eof || ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
      ec == asio::ssl::error::stream_truncated) {
    return "closed";
  }
  return "other";
}

StepOutcome failure(const boost::system::error_code& ec, bool timed_out, core::Millis timeout, double ms) {
  StepOutcome out;
  out.ms = ms;
  if (timed_out) {
    out.error_kind = "timeout";
    out.error = "no answer within " + std::to_string(timeout.count()) + " ms";
  } else {
    out.error_kind = kind_of(ec);
    out.error = out.error_kind == "closed" ? "the server closed the connection" : ec.message();
  }
  return out;
}

}  // namespace

std::string_view refuse_to_send(std::string_view command) {
  // One line per command: a CR, LF or NUL inside would let a value smuggle in a second
  // command (a whole DATA transaction, RFC 5321 2.3.8).
  if (command.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos) {
    return "it contains CR, LF or NUL";
  }
  // mxray never sends a message: the verbs that open message content are refused here, for
  // every present and future code path (RFC 5321 4.1.1.4 DATA, RFC 3030 BDAT).
  const auto verb = core::ascii_upper(command.substr(0, command.find(' ')));
  if (verb == "DATA" || verb == "BDAT") return "mxray never sends message content (DATA, BDAT)";
  return {};
}

struct Connection::WatchState {
  tcp::socket* socket = nullptr;
  std::uint64_t generation = 0;
  bool fired = false;
};

Connection::Connection(asio::any_io_executor executor, const core::Limits& limits, SessionLimiter* limiter)
    : limits_(limits),
      limiter_(limiter),
      socket_(executor),
      reader_(limits),
      watchdog_(executor),
      watch_(std::make_shared<WatchState>()) {
  watch_->socket = &socket_;
}

Connection::~Connection() {
  watch_->socket = nullptr;  // a watchdog handler already queued must not touch us
}

void Connection::arm(core::Millis timeout) {
  const auto generation = ++watch_->generation;
  watch_->fired = false;
  watchdog_.expires_after(timeout);
  watchdog_.async_wait([state = watch_, generation](boost::system::error_code ec) {
    if (ec || state->generation != generation || state->socket == nullptr) return;
    state->fired = true;
    boost::system::error_code ignored;
    state->socket->cancel(ignored);
  });
}

bool Connection::disarm() {
  ++watch_->generation;
  watchdog_.cancel();
  return watch_->fired;
}

SSL* Connection::ssl() const { return tls_ ? tls_->native_handle() : nullptr; }

void Connection::close() {
  boost::system::error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  permit_.release();
}

asio::awaitable<StepOutcome> Connection::connect(const tcp::endpoint& to, core::Millis timeout,
                                                 std::chrono::steady_clock::time_point wait_until) {
  if (limiter_ != nullptr) {
    const auto queued = std::chrono::steady_clock::now();
    permit_ = co_await limiter_->acquire(to.address().to_string(), wait_until);
    queued_ms_ = elapsed_ms(queued);
    if (queued_ms_ >= 1) log_.add("queue", queued, std::chrono::steady_clock::now(), permit_.granted());
    if (!permit_.granted()) {
      co_return StepOutcome{false, 0,
                            "no session slot to this address before the deadline (at most " +
                                std::to_string(limiter_->per_address()) + " sessions at once per address)",
                            "politeness"};
    }
  }
  const auto start = std::chrono::steady_clock::now();
  arm(timeout);
  auto [ec] = co_await socket_.async_connect(to, kUseTuple);
  const bool timed_out = disarm();
  log_.add("connect", start, std::chrono::steady_clock::now(), !ec && !timed_out);
  if (ec || timed_out) co_return failure(ec, timed_out, timeout, elapsed_ms(start));
  // Commands are written whole (a group at a time): Nagle's wait for an ACK would only add
  // the peer's delayed-ACK time to every exchange.
  boost::system::error_code ignored;
  socket_.set_option(tcp::no_delay(true), ignored);
  ack_at_once();
  co_return StepOutcome{true, elapsed_ms(start), {}, {}};
}

void Connection::ack_at_once() {
#ifdef TCP_QUICKACK
  // A server that writes each reply of a pipelined group on its own, with Nagle on, sends the
  // second reply only once the first is acknowledged; a delayed ACK here (40 ms on Linux) would
  // then stall every group. Linux leaves quick-ACK mode by itself, so it is asked for again
  // after every read.
  const int on = 1;
  ::setsockopt(socket_.native_handle(), IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
#endif
}

asio::awaitable<std::pair<boost::system::error_code, std::size_t>> Connection::read_some(char* data, std::size_t size) {
  if (tls_) {
    auto [ec, n] = co_await tls_->async_read_some(asio::buffer(data, size), kUseTuple);
    ack_at_once();
    co_return std::pair{ec, n};
  }
  auto [ec, n] = co_await socket_.async_read_some(asio::buffer(data, size), kUseTuple);
  ack_at_once();
  co_return std::pair{ec, n};
}

asio::awaitable<ReplyOutcome> Connection::read_reply(core::Millis timeout) {
  const auto start = std::chrono::steady_clock::now();
  auto out = co_await read_one(timeout);
  if (!sent_any_) log_.add("greeting", start, std::chrono::steady_clock::now(), out.step.ok);
  co_return out;
}

asio::awaitable<ReplyOutcome> Connection::read_one(core::Millis timeout) {
  const auto start = std::chrono::steady_clock::now();
  ReplyOutcome out;
  char buf[4096];
  arm(timeout);
  bool first_line = false;
  while (true) {
    if (!first_line && reader_.has_line()) {
      first_line = true;
      out.first_line_ms = elapsed_ms(start);
    }
    ReplyError perr = ReplyError::none;
    const auto status = reader_.next(out.reply, perr);
    if (status == ReplyReader::Status::complete) {
      disarm();
      out.step = {true, elapsed_ms(start), {}, {}};
      co_return out;
    }
    if (status == ReplyReader::Status::error) {
      disarm();
      out.step.ms = elapsed_ms(start);
      out.step.error_kind = std::string(to_string(perr));
      switch (perr) {
        case ReplyError::line_too_long:
          out.step.error = "reply line longer than " + std::to_string(limits_.max_reply_line) + " bytes";
          break;
        case ReplyError::too_many_lines:
          out.step.error = "reply of more than " + std::to_string(limits_.max_reply_lines) + " lines";
          break;
        case ReplyError::too_large:
          out.step.error = "reply larger than " + std::to_string(limits_.max_reply_bytes) + " bytes";
          break;
        default: out.step.error = "the server's answer is not an SMTP reply"; break;
      }
      co_return out;
    }
    auto [ec, n] = co_await read_some(buf, sizeof buf);
    if (n > 0) reader_.append(std::string_view(buf, n));
    if (ec) {
      // Bytes that arrived with the error still count: parse them before giving up.
      ReplyError again = ReplyError::none;
      if (n > 0 && reader_.next(out.reply, again) == ReplyReader::Status::complete) {
        disarm();
        out.step = {true, elapsed_ms(start), {}, {}};
        co_return out;
      }
      const bool timed_out = disarm();
      out.step = failure(ec, timed_out, timeout, elapsed_ms(start));
      if (!reader_.plausible_start()) {
        out.step.error_kind = "malformed";
        out.step.error = "the server's answer is not an SMTP reply";
      }
      co_return out;
    }
  }
}

asio::awaitable<StepOutcome> Connection::send(const std::string& command, core::Millis timeout) {
  const auto start = std::chrono::steady_clock::now();
  if (const auto why = refuse_to_send(command); !why.empty()) {
    co_return StepOutcome{false, 0, "mxray refused to send this command: " + std::string(why), "refused_locally"};
  }
  const std::string line = command + "\r\n";
  sent_any_ = true;
  arm(timeout);
  boost::system::error_code ec;
  if (tls_) {
    std::tie(ec, std::ignore) = co_await asio::async_write(*tls_, asio::buffer(line), kUseTuple);
  } else {
    std::tie(ec, std::ignore) = co_await asio::async_write(socket_, asio::buffer(line), kUseTuple);
  }
  const bool timed_out = disarm();
  if (ec || timed_out) co_return failure(ec, timed_out, timeout, elapsed_ms(start));
  co_return StepOutcome{true, elapsed_ms(start), {}, {}};
}

asio::awaitable<ReplyOutcome> Connection::command(const std::string& command, core::Millis timeout) {
  const auto start = std::chrono::steady_clock::now();
  ReplyOutcome out;
  out.step = co_await send(command, timeout);
  if (!out.step.ok) {
    log_.add(verb_of(command), start, std::chrono::steady_clock::now(), false);
    co_return out;
  }
  out = co_await read_one(timeout);
  out.step.ms = elapsed_ms(start);
  log_.add(verb_of(command), start, std::chrono::steady_clock::now(), out.step.ok);
  if (out.step.ok) note_reply_time(command, out.step.ms);
  if (out.step.ok && command != "STARTTLS") note_out_of_turn(command.substr(0, command.find(' ')));
  co_return out;
}

asio::awaitable<std::vector<ReplyOutcome>> Connection::exchange(const std::vector<std::string>& commands,
                                                                core::Millis timeout) {
  const auto start = std::chrono::steady_clock::now();
  auto out = co_await exchange_group(commands, timeout);
  if (!commands.empty()) {
    const bool ok = out.size() == commands.size() && out.back().step.ok;
    log_.add(group_name(commands), start, std::chrono::steady_clock::now(), ok);
  }
  co_return out;
}

asio::awaitable<std::vector<ReplyOutcome>> Connection::exchange_group(const std::vector<std::string>& commands,
                                                                      core::Millis timeout) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<ReplyOutcome> out;
  if (commands.empty()) co_return out;
  std::string group;
  for (const auto& c : commands) {
    if (const auto why = refuse_to_send(c); !why.empty()) {
      out.push_back(ReplyOutcome{
          StepOutcome{false, 0, "mxray refused to send this command: " + std::string(why), "refused_locally"}, {}});
      co_return out;
    }
    group += c + "\r\n";
  }
  sent_any_ = true;
  arm(timeout);
  boost::system::error_code ec;
  if (tls_) {
    std::tie(ec, std::ignore) = co_await asio::async_write(*tls_, asio::buffer(group), kUseTuple);
  } else {
    std::tie(ec, std::ignore) = co_await asio::async_write(socket_, asio::buffer(group), kUseTuple);
  }
  const bool timed_out = disarm();
  if (ec || timed_out) {
    out.push_back(ReplyOutcome{failure(ec, timed_out, timeout, elapsed_ms(start)), {}});
    co_return out;
  }
  for (std::size_t i = 0; i < commands.size(); ++i) {
    const auto left = std::chrono::ceil<core::Millis>(start + timeout - std::chrono::steady_clock::now());
    auto reply = co_await read_one(std::max(core::Millis{1}, left));
    const double previous = out.empty() ? 0.0 : out.back().step.ms;
    reply.step.ms = elapsed_ms(start);
    const bool ok = reply.step.ok;
    if (ok) note_reply_time(commands[i], reply.step.ms - previous);
    out.push_back(std::move(reply));
    if (!ok) co_return out;
  }
  const auto& last = commands.back();
  if (last != "STARTTLS") note_out_of_turn(last.substr(0, last.find(' ')));
  co_return out;
}

void Connection::note_reply_time(const std::string& command, double ms) {
  if (reply_times_.size() >= kMaxReplyTimings) return;
  reply_times_.push_back(ReplyTime{verb_of(command), ms});
}

void Connection::note_out_of_turn(std::string_view step) {
  // Bounded: one entry per command, and a session sends a bounded number of commands.
  if (reader_.buffered() == 0 || out_of_turn_.size() >= 20) return;
  out_of_turn_.push_back(std::string(step) + ": " + std::to_string(reader_.buffered()) +
                         " bytes after the reply, before the next command");
}

asio::awaitable<StepOutcome> Connection::start_tls(asio::ssl::context& context, const std::string& server_name,
                                                   core::Millis timeout, std::function<std::string(SSL*)> prepare) {
  const auto start = std::chrono::steady_clock::now();
  tls_ = std::make_unique<asio::ssl::stream<tcp::socket&>>(socket_, context);
  // RFC 6066 section 3: SNI carries host names only, never an address literal.
  if (!server_name.empty() && server_name.front() != '[')
    SSL_set_tlsext_host_name(tls_->native_handle(), server_name.c_str());
  if (prepare) {
    auto why = prepare(tls_->native_handle());
    if (!why.empty()) {
      tls_.reset();
      co_return StepOutcome{false, elapsed_ms(start), std::move(why), "other"};
    }
  }
  reader_.clear();
  arm(timeout);
  auto [ec] = co_await tls_->async_handshake(asio::ssl::stream_base::client, kUseTuple);
  const bool timed_out = disarm();
  log_.add("tls_handshake", start, std::chrono::steady_clock::now(), !ec && !timed_out);
  if (ec || timed_out) {
    auto out = failure(ec, timed_out, timeout, elapsed_ms(start));
    if (!timed_out) {
      // The error code already carries OpenSSL's reason; drain the queue so it cannot
      // leak into another session's error text on this thread.
      tls::drain_openssl_errors();
      out.error_kind = out.error_kind == "closed" ? "closed" : "handshake";
      out.error = "TLS handshake failed: " + ec.message();
    }
    tls_.reset();
    co_return out;
  }
  co_return StepOutcome{true, elapsed_ms(start), {}, {}};
}

}  // namespace mxray::smtp
