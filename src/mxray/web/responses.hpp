// Builds the server's responses: every one carries the security headers (a Content-Security-
// Policy without inline script, nosniff, no referrer, no framing) and no caching of results.
// Error bodies are JSON {"error": "..."}; the message is text we wrote or escaped.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <string_view>

#include "mxray/web/http_types.hpp"

namespace mxray::web {

/// Adds the headers every response carries (also the event stream's).
template <class Message>
void add_security_headers(Message& m) {
  m.set("Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  m.set("X-Content-Type-Options", "nosniff");
  m.set("Referrer-Policy", "no-referrer");
  m.set("X-Frame-Options", "DENY");
  m.set("Cross-Origin-Opener-Policy", "same-origin");
  m.set(http::field::server, "mxray");
}

/// A complete response for `request` (version, keep-alive) with security headers.
Response make_response(const Request& request, http::status status, std::string_view content_type, std::string body,
                       std::string_view cache_control = "no-store");

/// 4xx/5xx with {"error": message}.
Response error_response(const Request& request, http::status status, const std::string& message);

/// 429 with Retry-After.
Response too_many_requests(const Request& request, int retry_after_seconds, const std::string& message);

/// Writes `response` within the write timeout; false when the client is gone.
boost::asio::awaitable<bool> write_response(Stream& stream, Response& response, std::chrono::seconds timeout);

}  // namespace mxray::web
