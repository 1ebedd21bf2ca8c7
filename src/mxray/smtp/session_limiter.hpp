// Politeness towards one remote address: at most N SMTP sessions open to it at once, shared
// by every check that uses the same limiter (one per Checker: the command line, every visitor
// of `mxray serve`). A session waits its turn until its deadline; the wait is bounded.
// Single-threaded: use it from the one event loop that owns it.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <string>

namespace mxray::smtp {

class SessionLimiter {
 public:
  /// A slot for one session; releases it when destroyed or on release().
  class Permit {
   public:
    Permit() = default;
    Permit(Permit&& other) noexcept;
    Permit& operator=(Permit&& other) noexcept;
    Permit(const Permit&) = delete;
    Permit& operator=(const Permit&) = delete;
    ~Permit() { release(); }
    void release();
    /// Whether the session may go ahead (false: the deadline came before a slot).
    bool granted() const { return granted_; }

   private:
    friend class SessionLimiter;
    SessionLimiter* owner_ = nullptr;
    std::string key_;
    bool granted_ = false;
  };

  /// `per_address` sessions at once per address (0: no limit).
  explicit SessionLimiter(std::size_t per_address) : per_address_(per_address) {}
  SessionLimiter(const SessionLimiter&) = delete;
  SessionLimiter& operator=(const SessionLimiter&) = delete;

  /// Waits for a slot for `address` until `deadline`; a permit not granted when the deadline came first.
  boost::asio::awaitable<Permit> acquire(std::string address, std::chrono::steady_clock::time_point deadline);

  std::size_t per_address() const { return per_address_; }
  /// Sessions open to `address` now (for tests and metrics).
  std::size_t active(const std::string& address) const;

 private:
  struct Waiter;
  struct Slot {
    std::size_t active = 0;
    std::deque<Waiter*> waiting;
  };
  void release(const std::string& key);

  std::size_t per_address_;
  std::map<std::string, Slot> slots_;
};

}  // namespace mxray::smtp
