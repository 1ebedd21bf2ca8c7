// Server-sent events (HTML Living Standard, 9.2): formatting one event, and the channel that
// carries events from a running check to the connection writing them. One event loop, so no
// locks; the queue is bounded by the check itself (a fixed number of steps per address). A
// quiet stream gets a comment line now and then (9.2.7: "keep-alive"), so that proxies do not
// cut it while a server takes its time to greet.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <deque>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace mxray::web {

/// "event: NAME\ndata: JSON\n\n"; the JSON is on one line (dump without indentation).
std::string format_event(std::string_view name, const nlohmann::json& data);

/// The comment sent on a quiet stream (ignored by EventSource and by the page).
inline constexpr std::string_view kKeepAliveComment = ": keep-alive\n\n";

/// Events waiting to be written, and a wake-up for the writer.
class EventChannel {
 public:
  explicit EventChannel(boost::asio::any_io_executor executor);

  /// Queues one event (ignored after finish()).
  void push(std::string event);
  /// No more events will come.
  void finish();
  /// Waits until there is an event or the channel is finished; empty string at the end,
  /// kKeepAliveComment when nothing came for `quiet`.
  boost::asio::awaitable<std::string> next(std::chrono::milliseconds quiet = std::chrono::hours(24));
  bool finished() const { return finished_; }

 private:
  std::deque<std::string> pending_;
  bool finished_ = false;
  boost::asio::steady_timer wake_;
};

}  // namespace mxray::web
