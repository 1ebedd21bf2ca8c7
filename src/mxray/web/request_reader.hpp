// Reads one request from a client within its bounds: the request line and headers within the
// header deadline and size caps, then the body within the body deadline. The client is
// untrusted and may be slow on purpose (slowloris): each deadline is for the whole part, not
// per byte, and the event loop serves other connections meanwhile.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <optional>

#include "mxray/web/http_types.hpp"
#include "mxray/web/server_config.hpp"

namespace mxray::web {

using RequestParser = http::request_parser<http::string_body>;

/// What came of reading one request.
struct ReadOutcome {
  bool ok = false;                  // a whole request is in the parser
  std::optional<Response> refusal;  // 400, 408, 413, 414 or 431 to send before closing; none
                                    // when the client just left or sat idle between requests
};

/// Reads the next request of a connection into `parser` (limits set here).
boost::asio::awaitable<ReadOutcome> read_request(Stream& stream, boost::beast::flat_buffer& buffer,
                                                 RequestParser& parser, const ServerLimits& limits);

}  // namespace mxray::web
