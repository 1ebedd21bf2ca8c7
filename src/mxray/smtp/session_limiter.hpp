// Politeness towards one remote address: at most N SMTP sessions open to it at once, at most R
// new connections per second, and a pause after the server said it has too many (back_off),
// shared by every check that uses the same limiter (one per Checker: the command line, every
// visitor of `mxray serve`, a whole `mxray scan`). A session waits its turn until its deadline.
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

  /// At most `per_second` new connections per second to one address (0: no limit).
  void set_rate(double per_second) { rate_ = per_second; }
  double rate() const { return rate_; }
  /// No new connection to `address` before `until` (the server answered 421: too many connections).
  void back_off(const std::string& address, std::chrono::steady_clock::time_point until);
  /// Sessions open to `address` now (for tests and metrics).
  std::size_t active(const std::string& address) const;

 private:
  struct Waiter;
  struct Slot {
    std::size_t active = 0;
    std::deque<Waiter*> waiting;
  };
  void release(const std::string& key);
  boost::asio::awaitable<Permit> acquire_slot(const std::string& address,
                                              std::chrono::steady_clock::time_point deadline);
  // When a connection granted now may start: after the address's previous start plus 1/rate
  // and after any back-off; books that moment for it.
  std::chrono::steady_clock::time_point book_start(const std::string& address);

  std::size_t per_address_;
  double rate_ = 0;
  std::map<std::string, Slot> slots_;
  std::map<std::string, std::chrono::steady_clock::time_point> next_start_;  // pruned of past moments
};

}  // namespace mxray::smtp
