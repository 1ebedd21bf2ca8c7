// join_all: every task runs and is awaited; a cancellation of the caller reaches every task
// still running, and join_all returns only after all of them have unwound (they may hold
// references into the caller's frame).
#include "mxray/core/join.hpp"

#include <gtest/gtest.h>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>

namespace mxray::core {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

// Waits `wait` on a timer; records whether the wait ran to its end and that the task ended.
asio::awaitable<void> sleeper(std::chrono::milliseconds wait, bool& completed, int& ended) {
  asio::steady_timer timer(co_await asio::this_coro::executor, wait);
  auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  completed = !ec;
  ++ended;
}

asio::awaitable<void> two_sleepers(std::chrono::milliseconds wait, bool& a, bool& b, int& ended, bool& returned) {
  std::vector<asio::awaitable<void>> tasks;
  tasks.push_back(sleeper(wait, a, ended));
  tasks.push_back(sleeper(wait, b, ended));
  co_await join_all(std::move(tasks));
  returned = true;
}

TEST(JoinAll, AwaitsEveryTask) {
  asio::io_context io;
  bool a = false, b = false, returned = false;
  int ended = 0;
  asio::co_spawn(io, two_sleepers(std::chrono::milliseconds(20), a, b, ended, returned), asio::detached);
  io.run();
  EXPECT_TRUE(a && b && returned);
  EXPECT_EQ(ended, 2);
}

TEST(JoinAll, PassesACancellationOnAndWaitsForTheTasksToUnwind) {
  asio::io_context io;
  bool a = false, b = false, returned = false;
  int ended = 0;
  asio::cancellation_signal cancel;
  bool failed = false;
  asio::co_spawn(io, two_sleepers(std::chrono::seconds(30), a, b, ended, returned),
                 asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e) { failed = e != nullptr; }));
  asio::steady_timer soon(io, std::chrono::milliseconds(20));
  soon.async_wait([&](boost::system::error_code) { cancel.emit(asio::cancellation_type::terminal); });
  const auto started = Clock::now();
  io.run();
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(5)) << "the 30 s waits were cut short";
  EXPECT_FALSE(a);
  EXPECT_FALSE(b);
  EXPECT_EQ(ended, 2) << "both tasks unwound before join_all returned";
  EXPECT_TRUE(returned) << "join_all itself returns; the caller's next co_await throws";
  EXPECT_FALSE(failed);
}

}  // namespace
}  // namespace mxray::core
