// See rate_limiter.hpp.
#include "mxray/web/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace mxray::web {

RateLimiter::RateLimiter(double per_minute, std::size_t max_clients)
    : per_minute_(std::max(per_minute, 0.001)), max_clients_(std::max<std::size_t>(max_clients, 1)) {}

void RateLimiter::refill(Bucket& bucket, Clock::time_point now) const {
  const double seconds = std::chrono::duration<double>(now - bucket.updated).count();
  bucket.tokens = std::min(per_minute_, bucket.tokens + seconds * per_minute_ / 60.0);
  bucket.updated = now;
}

void RateLimiter::forget_idle(Clock::time_point now) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    refill(it->second, now);
    if (it->second.tokens >= per_minute_) {
      it = buckets_.erase(it);
    } else {
      ++it;
    }
  }
}

Admission RateLimiter::admit(const std::string& client, Clock::time_point now) {
  auto it = buckets_.find(client);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_clients_) forget_idle(now);
    if (buckets_.size() >= max_clients_) return {false, 60};
    it = buckets_.emplace(client, Bucket{per_minute_, now}).first;
  }
  auto& bucket = it->second;
  refill(bucket, now);
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return {true, 0};
  }
  const double wait = (1.0 - bucket.tokens) * 60.0 / per_minute_;
  return {false, std::max(1, static_cast<int>(std::ceil(wait)))};
}

}  // namespace mxray::web
