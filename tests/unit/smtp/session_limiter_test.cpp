// SessionLimiter: at most N sessions per address at once, waiters served in order, a waiter
// that reaches its deadline leaves empty-handed, other addresses are not held up.
#include "mxray/smtp/session_limiter.hpp"

#include <gtest/gtest.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <vector>

namespace mxray::smtp {
namespace {
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

asio::awaitable<void> hold(SessionLimiter& limiter, std::string ip, milliseconds for_how_long, std::vector<int>& order,
                           int id, std::size_t& peak, Clock::time_point deadline) {
  auto permit = co_await limiter.acquire(ip, deadline);
  if (!permit.granted()) {
    order.push_back(-id);
    co_return;
  }
  order.push_back(id);
  peak = std::max(peak, limiter.active(ip));
  asio::steady_timer t(co_await asio::this_coro::executor, for_how_long);
  co_await t.async_wait(asio::as_tuple(asio::use_awaitable));
}

TEST(SessionLimiter, NeverMoreThanTheLimitAtOnceAndFirstComeFirstServed) {
  asio::io_context io;
  SessionLimiter limiter(2);
  std::vector<int> order;
  std::size_t peak = 0;
  for (int i = 1; i <= 6; ++i) {
    asio::co_spawn(io, hold(limiter, "192.0.2.1", milliseconds(20), order, i, peak, Clock::time_point::max()),
                   asio::detached);
  }
  io.run();
  EXPECT_EQ(peak, 2u);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(limiter.active("192.0.2.1"), 0u);
}

TEST(SessionLimiter, AWaiterPastItsDeadlineLeavesWithoutASlot) {
  asio::io_context io;
  SessionLimiter limiter(1);
  std::vector<int> order;
  std::size_t peak = 0;
  asio::co_spawn(io, hold(limiter, "192.0.2.1", milliseconds(200), order, 1, peak, Clock::time_point::max()),
                 asio::detached);
  asio::co_spawn(io, hold(limiter, "192.0.2.1", milliseconds(1), order, 2, peak, Clock::now() + milliseconds(30)),
                 asio::detached);
  asio::co_spawn(io, hold(limiter, "192.0.2.1", milliseconds(1), order, 3, peak, Clock::time_point::max()),
                 asio::detached);
  io.run();
  EXPECT_EQ(order, (std::vector<int>{1, -2, 3}));
  EXPECT_EQ(peak, 1u);
}

TEST(SessionLimiter, OtherAddressesAreNotHeldUp) {
  asio::io_context io;
  SessionLimiter limiter(1);
  std::vector<int> order;
  std::size_t peak = 0;
  asio::co_spawn(io, hold(limiter, "192.0.2.1", milliseconds(100), order, 1, peak, Clock::time_point::max()),
                 asio::detached);
  asio::co_spawn(io, hold(limiter, "192.0.2.1", milliseconds(1), order, 2, peak, Clock::time_point::max()),
                 asio::detached);
  asio::co_spawn(io, hold(limiter, "192.0.2.2", milliseconds(1), order, 3, peak, Clock::time_point::max()),
                 asio::detached);
  io.run();
  EXPECT_EQ(order, (std::vector<int>{1, 3, 2}));
}

TEST(SessionLimiter, ZeroMeansNoLimit) {
  asio::io_context io;
  SessionLimiter limiter(0);
  std::vector<int> order;
  std::size_t peak = 0;
  for (int i = 1; i <= 3; ++i) {
    asio::co_spawn(io, hold(limiter, "192.0.2.1", milliseconds(5), order, i, peak, Clock::now()), asio::detached);
  }
  io.run();
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

// The rate and the back-off are told by whether a connection may start before a deadline (no
// timing is asserted: the pauses are hours, the deadlines now).
TEST(SessionLimiter, RatePerAddressSpacesNewConnections) {
  asio::io_context io;
  SessionLimiter limiter(0);
  limiter.set_rate(1.0 / 3600);  // one new connection an hour
  std::vector<int> order;
  std::size_t peak = 0;
  const auto soon = Clock::now() + milliseconds(50);
  asio::co_spawn(io, hold(limiter, "192.0.2.1", milliseconds(1), order, 1, peak, soon), asio::detached);
  asio::co_spawn(io, hold(limiter, "192.0.2.1", milliseconds(1), order, 2, peak, soon), asio::detached);
  asio::co_spawn(io, hold(limiter, "192.0.2.2", milliseconds(1), order, 3, peak, soon), asio::detached);
  io.run();
  EXPECT_EQ(order, (std::vector<int>{1, -2, 3}));  // the second to the same address would wait an hour
}

TEST(SessionLimiter, BackOffHoldsOnlyThatAddress) {
  asio::io_context io;
  SessionLimiter limiter(2);
  limiter.back_off("192.0.2.1", Clock::now() + std::chrono::hours(1));  // it said 421: too many connections
  std::vector<int> order;
  std::size_t peak = 0;
  const auto soon = Clock::now() + milliseconds(50);
  asio::co_spawn(io, hold(limiter, "192.0.2.1", milliseconds(1), order, 1, peak, soon), asio::detached);
  asio::co_spawn(io, hold(limiter, "192.0.2.2", milliseconds(1), order, 2, peak, soon), asio::detached);
  io.run();
  EXPECT_EQ(order, (std::vector<int>{-1, 2}));
  EXPECT_EQ(limiter.active("192.0.2.1"), 0u);  // the refused wait gave its slot back
}

}  // namespace
}  // namespace mxray::smtp
