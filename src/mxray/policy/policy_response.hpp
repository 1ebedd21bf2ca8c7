// Judges the HTTP response to an MTA-STS policy request (RFC 8461 3.3): status 200 only, no
// redirect followed, Content-Type text/plain, body at most Limits::max_policy_bytes. The
// response is untrusted; the header is bounded by Limits::max_http_header_bytes in the parser.
#pragma once

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "mxray/core/limits.hpp"
#include "mxray/report/evidence.hpp"

namespace mxray::policy {

/// Records the response head (status, Location, Content-Type) in `out` and judges it with the
/// declared Content-Length; false, with out.error and out.error_kind set, when no body may be read.
bool accept_policy_head(const boost::beast::http::response_header<>& head,
                        boost::optional<std::uint64_t> content_length, const core::Limits& limits,
                        report::PolicyFetch& out);

/// Judges how reading a body of `body_size` bytes ended (`ec`: none, body_limit, timeout, ...);
/// true, with out.ok and out.body_bytes set, when the body is the policy.
bool accept_policy_body(const boost::beast::error_code& ec, std::size_t body_size, const core::Limits& limits,
                        report::PolicyFetch& out);

/// The same steps on a whole response already in memory, with the fetch's parser bounds:
/// returns the body when out.ok. The fetch reads from the network; fuzzing and tests use this.
std::string read_policy_response(std::string_view bytes, const core::Limits& limits, report::PolicyFetch& out);

}  // namespace mxray::policy
