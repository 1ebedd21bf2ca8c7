// See policy_response.hpp. Only judging and parsing here: no socket, no clock, so the same
// code serves the fetch (policy_fetch.cpp) and the fuzz target.
#include "mxray/policy/policy_response.hpp"
#include "mxray/core/text.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "mxray/core/printable.hpp"
#include "mxray/core/text.hpp"

namespace mxray::policy {
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

void fail(report::PolicyFetch& out, std::string kind, std::string text) {
  out.error_kind = std::move(kind);
  out.error = std::move(text);
}

// text/plain, parameters allowed (RFC 8461 3.3), case-insensitive.
bool is_text_plain(std::string_view ct) {
  return core::ascii_lower(core::trim_blanks(ct.substr(0, ct.find(';')))) == "text/plain";
}

// Feeds the parser from `rest` until `done()`; the end of the bytes is the end of the stream.
template <typename Parser, typename Done>
beast::error_code feed(Parser& parser, std::string_view& rest, Done done) {
  beast::error_code ec;
  while (!done()) {
    if (rest.empty()) {
      // As http::read does at the end of the stream: nothing at all is end_of_stream.
      if (!parser.got_some()) return http::error::end_of_stream;
      parser.put_eof(ec);
      return ec ? ec : (done() ? beast::error_code{} : beast::error_code(http::error::partial_message));
    }
    const auto used = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
    rest.remove_prefix(used);
    if (ec == http::error::need_more) {
      ec = {};
      // Nothing taken: the parser needs more than is left, which is the end of the stream.
      if (used == 0) rest = {};
      continue;
    }
    if (ec) return ec;
  }
  return ec;
}

}  // namespace

bool accept_policy_head(const http::response_header<>& head, boost::optional<std::uint64_t> content_length,
                        const core::Limits& limits, report::PolicyFetch& out) {
  out.status = static_cast<int>(head.result_int());
  out.content_type = core::printable(std::string(head[http::field::content_type]).substr(0, 200));
  if (out.status >= 300 && out.status < 400) {
    out.location = core::printable(std::string(head[http::field::location]).substr(0, 500));
    fail(out, "redirect",
         "HTTP " + std::to_string(out.status) + " redirect to " + out.location +
             " (RFC 8461 3.3: redirects are not followed)");
    return false;
  }
  if (out.status != 200) {
    fail(out, "status", "HTTP status " + std::to_string(out.status) + " (only 200 is accepted)");
    return false;
  }
  if (!is_text_plain(out.content_type)) {
    fail(out, "content_type", "Content-Type \"" + out.content_type + "\" (must be text/plain)");
    return false;
  }
  if (content_length && *content_length > limits.max_policy_bytes) {
    out.body_bytes = static_cast<std::size_t>(*content_length);
    fail(out, "too_large",
         "the policy is " + std::to_string(*content_length) + " bytes (at most " +
             std::to_string(limits.max_policy_bytes) + ")");
    return false;
  }
  return true;
}

bool accept_policy_body(const beast::error_code& ec, std::size_t body_size, const core::Limits& limits,
                        report::PolicyFetch& out) {
  if (ec == http::error::body_limit) {
    out.body_bytes = limits.max_policy_bytes;
    fail(out, "too_large", "the policy is larger than " + std::to_string(limits.max_policy_bytes) + " bytes");
    return false;
  }
  if (ec) {
    fail(out, ec == beast::error::timeout ? "timeout" : "http", "reading the policy: " + ec.message());
    return false;
  }
  out.body_bytes = body_size;
  out.ok = true;
  out.error.clear();
  out.error_kind.clear();
  return true;
}

std::string read_policy_response(std::string_view bytes, const core::Limits& limits, report::PolicyFetch& out) {
  http::response_parser<http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(limits.max_http_header_bytes));
  parser.body_limit(boost::none);  // set below, once the status and type are known
  std::string_view rest = bytes;
  if (const auto ec = feed(parser, rest, [&] { return parser.is_header_done(); })) {
    fail(out, "http", "reading the response: " + ec.message());
    return {};
  }
  if (!accept_policy_head(parser.get().base(), parser.content_length(), limits, out)) return {};
  parser.body_limit(limits.max_policy_bytes);
  const auto ec = feed(parser, rest, [&] { return parser.is_done(); });
  if (!accept_policy_body(ec, parser.get().body().size(), limits, out)) return {};
  return parser.release().body();
}

}  // namespace mxray::policy
