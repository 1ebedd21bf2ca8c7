// Per-target-domain rate limit of `mxray serve`: the same domain is checked at most N times in
// any 60 seconds, all visitors together, so the service cannot be used to hammer one victim.
// Keys are visitor-chosen (unbounded): the table is capped, expired entries forgotten first.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <string>
#include <unordered_map>

#include "mxray/web/rate_limiter.hpp"

namespace mxray::web {

class DomainLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  /// At most `per_minute` checks of one domain in any sliding minute; at most `max_domains` tracked.
  DomainLimiter(std::size_t per_minute, std::size_t max_domains);

  /// Counts one check of `domain` (normalised A-label name) if the window has room.
  Admission admit(const std::string& domain, Clock::time_point now = Clock::now());

 private:
  void forget_expired(Clock::time_point now);

  std::size_t per_minute_;
  std::size_t max_domains_;
  std::unordered_map<std::string, std::deque<Clock::time_point>> windows_;
};

}  // namespace mxray::web
