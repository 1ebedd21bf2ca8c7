// Per-client rate limit for checks: a token bucket per client address, refilled
// continuously. Keys are remote addresses (untrusted, unbounded in number), so the table is
// capped: full buckets are forgotten first, and a full table refuses new clients.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <unordered_map>

namespace mxray::web {

/// Whether a request may proceed, and if not, when to retry.
struct Admission {
  bool allowed = false;
  int retry_after_seconds = 0;
};

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  /// `per_minute` requests per client, in bursts of up to `per_minute`; at most `max_clients` tracked.
  RateLimiter(double per_minute, std::size_t max_clients);

  /// Takes one token for `client` if it has one.
  Admission admit(const std::string& client, Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated;
  };
  void refill(Bucket& bucket, Clock::time_point now) const;
  void forget_idle(Clock::time_point now);

  double per_minute_;
  std::size_t max_clients_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace mxray::web
