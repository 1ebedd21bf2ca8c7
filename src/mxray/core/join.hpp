// Runs a set of coroutines concurrently on the caller's executor and waits for all of them.
// Each task must catch its own errors (a probe fails only itself); a stray exception is
// re-thrown here after every task has finished.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>
#include <memory>
#include <vector>

namespace mxray::core {

/// Awaits every task; they run interleaved on one event loop.
inline boost::asio::awaitable<void> join_all(std::vector<boost::asio::awaitable<void>> tasks) {
  namespace asio = boost::asio;
  auto ex = co_await asio::this_coro::executor;
  struct State {
    explicit State(asio::any_io_executor e) : done(e, asio::steady_timer::time_point::max()) {}
    asio::steady_timer done;
    std::size_t remaining = 0;
    std::exception_ptr error;
  };
  auto state = std::make_shared<State>(ex);
  state->remaining = tasks.size();
  if (state->remaining == 0) co_return;
  for (auto& task : tasks) {
    asio::co_spawn(ex, std::move(task), [state](std::exception_ptr e) {
      if (e && !state->error) state->error = e;
      if (--state->remaining == 0) state->done.cancel();
    });
  }
  while (state->remaining > 0) {
    co_await state->done.async_wait(asio::as_tuple(asio::use_awaitable));
  }
  if (state->error) std::rethrow_exception(state->error);
}

}  // namespace mxray::core
