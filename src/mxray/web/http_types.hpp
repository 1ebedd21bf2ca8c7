// The Beast types the web server uses, in one place: a TCP stream with deadlines, requests
// with a bounded string body (GET only), responses with a string body.
#pragma once

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace mxray::web {

namespace http = boost::beast::http;
using Stream = boost::beast::tcp_stream;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

}  // namespace mxray::web
