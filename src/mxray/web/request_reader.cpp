// See request_reader.hpp. Errors are classified from Beast's codes: header_limit (431, or 414
// when the request line alone is over its cap), body_limit (413), timeout (408 once a byte
// arrived), anything else the parser rejects (400). Texts are msgids (translated in po/).
// The deadlines cancel the socket's reads without closing it, so the 408 can be written.
#include "mxray/web/request_reader.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <memory>
#include <string_view>

#include "mxray/i18n/translate.hpp"
#include "mxray/web/responses.hpp"

namespace mxray::web {
namespace asio = boost::asio;
namespace beast = boost::beast;

namespace {

Response refusal(http::status status, std::string_view msgid, const i18n::Args& args = {}) {
  Request bad;
  bad.version(11);
  bad.keep_alive(false);
  // Before the headers are read there is no Accept-Language: these answers are in English.
  return error_response(bad, status, i18n::trf("en", msgid, args));
}

// True when the request line is over its cap: the parser has not got it yet (Beast takes the
// start line out of the buffer once it is whole) and the bytes waiting hold no line end within the cap.
bool request_line_over(const RequestParser& parser, const beast::flat_buffer& buffer, std::size_t cap) {
  if (!parser.get().target().empty()) return false;
  const auto data = buffer.data();
  const std::string_view bytes(static_cast<const char*>(data.data()), data.size());
  const auto eol = bytes.find('\n');
  return eol == std::string_view::npos ? bytes.size() > cap : eol > cap;
}

// A deadline that cancels the socket's reads but leaves it open, so that a 408 can still be
// written (Beast's own stream timeout closes the socket). The state outlives a late handler.
class ReadDeadline {
 public:
  ReadDeadline(Stream& stream, std::chrono::seconds after)
      : timer_(stream.get_executor()), state_(std::make_shared<State>(State{&stream})) {
    timer_.expires_after(after);
    timer_.async_wait([state = state_](const boost::system::error_code& ec) {
      if (ec || !state->armed) return;
      state->fired = true;
      boost::system::error_code ignored;
      state->stream->socket().cancel(ignored);
    });
  }
  ~ReadDeadline() { disarm(); }
  ReadDeadline(const ReadDeadline&) = delete;
  ReadDeadline& operator=(const ReadDeadline&) = delete;

  /// True when the deadline cut the read.
  bool disarm() {
    state_->armed = false;
    timer_.cancel();
    return state_->fired;
  }

 private:
  struct State {
    Stream* stream;
    bool armed = true;
    bool fired = false;
  };
  asio::steady_timer timer_;
  std::shared_ptr<State> state_;
};

std::optional<Response> classify(const boost::system::error_code& ec, const RequestParser& parser,
                                 const beast::flat_buffer& buffer, const ServerLimits& limits) {
  const bool got_some = parser.got_some() || buffer.size() > 0;
  if (ec == beast::error::timeout) {
    if (!got_some) return std::nullopt;  // idle between requests: just close
    return refusal(http::status::request_timeout, N_("the request did not arrive in time"));
  }
  if (ec == http::error::header_limit || ec == http::error::buffer_overflow ||
      ec == beast::error_code(asio::error::message_size)) {
    if (request_line_over(parser, buffer, limits.request_line_bytes)) {
      return refusal(http::status::uri_too_long, N_("request line too long (at most {bytes} bytes)"),
                     {{"bytes", std::to_string(limits.request_line_bytes)}});
    }
    return refusal(http::status::request_header_fields_too_large,
                   N_("request headers too large (at most {bytes} bytes)"),
                   {{"bytes", std::to_string(limits.header_bytes)}});
  }
  if (ec == http::error::body_limit) {
    return refusal(http::status::payload_too_large, N_("request body too large (at most {bytes} bytes)"),
                   {{"bytes", std::to_string(limits.body_bytes)}});
  }
  if (ec == http::error::end_of_stream || ec == http::error::partial_message) return std::nullopt;
  if (ec.category() != beast::http::make_error_code(http::error::bad_target).category()) return std::nullopt;
  return refusal(http::status::bad_request, N_("malformed request: {detail}"), {{"detail", ec.message()}});
}

}  // namespace

asio::awaitable<ReadOutcome> read_request(Stream& stream, beast::flat_buffer& buffer, RequestParser& parser,
                                          const ServerLimits& limits) {
  parser.header_limit(static_cast<std::uint32_t>(limits.header_bytes));
  parser.body_limit(limits.body_bytes);
  stream.expires_never();  // our own deadlines below; a write's expiry must not cut this read
  boost::system::error_code ec;
  {
    ReadDeadline deadline(stream, limits.header_timeout);
    auto [e, n] = co_await http::async_read_header(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
    const bool cut = deadline.disarm();
    ec = e && cut ? beast::error_code(beast::error::timeout) : e;
  }
  if (!ec && !parser.is_done()) {
    ReadDeadline deadline(stream, limits.body_timeout);
    auto [e, n] = co_await http::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
    const bool cut = deadline.disarm();
    ec = e && cut ? beast::error_code(beast::error::timeout) : e;
  }
  ReadOutcome out;
  if (ec) {
    out.refusal = classify(ec, parser, buffer, limits);
    co_return out;
  }
  const auto& request = parser.get();
  const auto line =
      request.method_string().size() + 1 + request.target().size() + 1 + std::string_view("HTTP/1.1").size();
  if (line > limits.request_line_bytes) {
    out.refusal = refusal(http::status::uri_too_long, N_("request line too long (at most {bytes} bytes)"),
                          {{"bytes", std::to_string(limits.request_line_bytes)}});
    co_return out;
  }
  out.ok = true;
  co_return out;
}

}  // namespace mxray::web
