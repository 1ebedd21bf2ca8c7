// See responses.hpp.
#include "mxray/web/responses.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/write.hpp>
#include <nlohmann/json.hpp>

namespace mxray::web {
namespace asio = boost::asio;

Response make_response(const Request& request, http::status status, std::string_view content_type, std::string body,
                       std::string_view cache_control) {
  Response res{status, request.version()};
  res.set(http::field::content_type, content_type);
  res.set(http::field::cache_control, cache_control);
  add_security_headers(res);
  res.keep_alive(request.keep_alive());
  const bool head = request.method() == http::verb::head;
  res.body() = std::move(body);
  res.prepare_payload();
  if (head) res.body().clear();  // Content-Length stays that of the GET
  return res;
}

Response error_response(const Request& request, http::status status, const std::string& message) {
  const nlohmann::json body{{"error", message}};
  return make_response(request, status, "application/json",
                       body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

Response too_many_requests(const Request& request, int retry_after_seconds, const std::string& message) {
  auto res = error_response(request, http::status::too_many_requests, message);
  res.set(http::field::retry_after, std::to_string(retry_after_seconds));
  return res;
}

asio::awaitable<bool> write_response(Stream& stream, Response& response, std::chrono::seconds timeout) {
  stream.expires_after(timeout);
  auto [ec, n] = co_await http::async_write(stream, response, asio::as_tuple(asio::use_awaitable));
  co_return !ec;
}

}  // namespace mxray::web
