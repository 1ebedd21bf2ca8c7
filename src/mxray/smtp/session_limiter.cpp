// See session_limiter.hpp. A waiter is a timer in the waiting coroutine's frame that expires
// at its deadline; a release hands the slot over by marking the first waiter granted and
// cancelling its timer, so the slot never falls free in between (no thundering herd).
#include "mxray/smtp/session_limiter.hpp"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace mxray::smtp {
namespace asio = boost::asio;

struct SessionLimiter::Waiter {
  explicit Waiter(asio::any_io_executor ex) : timer(ex) {}
  asio::steady_timer timer;
  bool granted = false;
};

SessionLimiter::Permit::Permit(Permit&& other) noexcept
    : owner_(other.owner_), key_(std::move(other.key_)), granted_(other.granted_) {
  other.owner_ = nullptr;
  other.granted_ = false;
}

SessionLimiter::Permit& SessionLimiter::Permit::operator=(Permit&& other) noexcept {
  if (this != &other) {
    release();
    owner_ = other.owner_;
    key_ = std::move(other.key_);
    granted_ = other.granted_;
    other.owner_ = nullptr;
    other.granted_ = false;
  }
  return *this;
}

void SessionLimiter::Permit::release() {
  if (owner_ == nullptr) return;
  auto* owner = owner_;
  owner_ = nullptr;
  owner->release(key_);
}

std::size_t SessionLimiter::active(const std::string& address) const {
  const auto it = slots_.find(address);
  return it == slots_.end() ? 0 : it->second.active;
}

asio::awaitable<SessionLimiter::Permit> SessionLimiter::acquire(std::string address,
                                                                std::chrono::steady_clock::time_point deadline) {
  Permit permit = co_await acquire_slot(address, deadline);
  if (!permit.granted_) co_return permit;
  const auto start = book_start(address);
  if (start > std::chrono::steady_clock::now()) {
    if (start > deadline) {
      permit.release();
      permit.granted_ = false;
      co_return permit;
    }
    asio::steady_timer pause(co_await asio::this_coro::executor);
    pause.expires_at(start);
    co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
  }
  co_return permit;
}

std::chrono::steady_clock::time_point SessionLimiter::book_start(const std::string& address) {
  const auto now = std::chrono::steady_clock::now();
  if (rate_ <= 0 && next_start_.empty()) return now;
  if (next_start_.size() > 4096) {  // forget addresses whose next start is already past
    for (auto it = next_start_.begin(); it != next_start_.end();)
      it = it->second <= now ? next_start_.erase(it) : std::next(it);
  }
  auto it = next_start_.find(address);
  const auto start = it == next_start_.end() ? now : std::max(now, it->second);
  if (rate_ > 0) {
    const auto gap =
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(1.0 / rate_));
    next_start_[address] = start + gap;
  } else if (it != next_start_.end() && it->second <= now) {
    next_start_.erase(it);
  }
  return start;
}

void SessionLimiter::back_off(const std::string& address, std::chrono::steady_clock::time_point until) {
  auto& next = next_start_[address];
  next = std::max(next, until);
}

asio::awaitable<SessionLimiter::Permit> SessionLimiter::acquire_slot(const std::string& address,
                                                                     std::chrono::steady_clock::time_point deadline) {
  Permit permit;
  if (per_address_ == 0) {  // unlimited
    permit.granted_ = true;
    co_return permit;
  }
  auto& slot = slots_[address];
  if (slot.active < per_address_ && slot.waiting.empty()) {
    ++slot.active;
    permit.owner_ = this;
    permit.key_ = address;
    permit.granted_ = true;
    co_return permit;
  }
  Waiter waiter(co_await asio::this_coro::executor);
  waiter.timer.expires_at(deadline);
  slot.waiting.push_back(&waiter);
  co_await waiter.timer.async_wait(asio::as_tuple(asio::use_awaitable));
  if (waiter.granted) {
    permit.owner_ = this;
    permit.key_ = address;
    permit.granted_ = true;
    co_return permit;
  }
  // The deadline came first: leave the queue (the slot may have been erased and made anew).
  if (auto it = slots_.find(address); it != slots_.end()) {
    auto& queue = it->second.waiting;
    queue.erase(std::remove(queue.begin(), queue.end(), &waiter), queue.end());
    if (it->second.active == 0 && queue.empty()) slots_.erase(it);
  }
  co_return permit;
}

void SessionLimiter::release(const std::string& key) {
  const auto it = slots_.find(key);
  if (it == slots_.end()) return;
  auto& slot = it->second;
  if (slot.active > 0) --slot.active;
  while (!slot.waiting.empty()) {
    Waiter* next = slot.waiting.front();
    slot.waiting.pop_front();
    if (next->granted) continue;
    next->granted = true;
    ++slot.active;
    next->timer.cancel();
    return;
  }
  if (slot.active == 0) slots_.erase(it);
}

}  // namespace mxray::smtp
