// Runs a set of coroutines concurrently on the caller's executor and waits for all of them.
// Each task must catch its own errors (a probe fails only itself); a stray exception is
// re-thrown here after every task has finished. A cancellation of the caller (asio's
// per-operation cancellation, e.g. the web page's visitor went away) is passed on to every
// task still running, and join_all still waits for all of them: they hold references into
// the caller's frame.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
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
    State(asio::any_io_executor e, std::size_t n)
        : done(e, asio::steady_timer::time_point::max()), signals(n), finished(n, false) {}
    asio::steady_timer done;
    std::size_t remaining = 0;
    std::exception_ptr error;
    std::vector<asio::cancellation_signal> signals;  // one per task, to pass a cancellation on
    std::vector<bool> finished;
  };
  auto state = std::make_shared<State>(ex, tasks.size());
  state->remaining = tasks.size();
  if (state->remaining == 0) co_return;
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    asio::co_spawn(ex, std::move(tasks[i]),
                   asio::bind_cancellation_slot(state->signals[i].slot(), [state, i](std::exception_ptr e) {
                     state->finished[i] = true;
                     if (e && !state->error) state->error = e;
                     if (--state->remaining == 0) state->done.cancel();
                   }));
  }
  const bool throwing = co_await asio::this_coro::throw_if_cancelled();
  bool passed_on = false;
  while (state->remaining > 0) {
    co_await state->done.async_wait(asio::as_tuple(asio::use_awaitable));
    const auto cs = co_await asio::this_coro::cancellation_state;
    if (cs.cancelled() != asio::cancellation_type::none && !passed_on) {
      passed_on = true;
      // Wait for the tasks to unwind: this frame must outlive them.
      co_await asio::this_coro::throw_if_cancelled(false);
      for (std::size_t i = 0; i < state->signals.size(); ++i) {
        if (!state->finished[i]) state->signals[i].emit(asio::cancellation_type::terminal);
      }
    }
  }
  if (passed_on) co_await asio::this_coro::throw_if_cancelled(throwing);
  if (state->error) std::rethrow_exception(state->error);
}

}  // namespace mxray::core
