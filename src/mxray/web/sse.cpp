// See sse.hpp.
#include "mxray/web/sse.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace mxray::web {
namespace asio = boost::asio;

std::string format_event(std::string_view name, const nlohmann::json& data) {
  std::string out = "event: ";
  out += name;
  out += "\ndata: ";
  // One line: dump(-1) escapes every newline inside strings, so the data cannot end the event.
  out += data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out += "\n\n";
  return out;
}

EventChannel::EventChannel(asio::any_io_executor executor) : wake_(executor, asio::steady_timer::time_point::max()) {}

void EventChannel::push(std::string event) {
  if (finished_) return;
  pending_.push_back(std::move(event));
  wake_.cancel();
}

void EventChannel::finish() {
  finished_ = true;
  wake_.cancel();
}

asio::awaitable<std::string> EventChannel::next(std::chrono::milliseconds quiet) {
  const auto until = std::chrono::steady_clock::now() + quiet;
  // A cancel() with nobody waiting is lost, so the queue is checked before every wait.
  while (pending_.empty() && !finished_) {
    if (std::chrono::steady_clock::now() >= until) co_return std::string(kKeepAliveComment);
    wake_.expires_at(until);
    co_await wake_.async_wait(asio::as_tuple(asio::use_awaitable));
  }
  if (pending_.empty()) co_return std::string();
  auto event = std::move(pending_.front());
  pending_.pop_front();
  co_return event;
}

}  // namespace mxray::web
