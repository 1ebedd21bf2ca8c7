// See domain_limiter.hpp. Each domain keeps the times of its last `per_minute` checks (a
// sliding window, so no burst at a minute's edge doubles the rate).
#include "mxray/web/domain_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace mxray::web {
namespace {

constexpr std::chrono::seconds kWindow{60};

void drop_old(std::deque<DomainLimiter::Clock::time_point>& times, DomainLimiter::Clock::time_point now) {
  while (!times.empty() && now - times.front() >= kWindow) times.pop_front();
}

}  // namespace

DomainLimiter::DomainLimiter(std::size_t per_minute, std::size_t max_domains)
    : per_minute_(std::max<std::size_t>(per_minute, 1)), max_domains_(std::max<std::size_t>(max_domains, 1)) {}

void DomainLimiter::forget_expired(Clock::time_point now) {
  for (auto it = windows_.begin(); it != windows_.end();) {
    drop_old(it->second, now);
    it = it->second.empty() ? windows_.erase(it) : std::next(it);
  }
}

Admission DomainLimiter::admit(const std::string& domain, Clock::time_point now) {
  auto it = windows_.find(domain);
  if (it == windows_.end()) {
    if (windows_.size() >= max_domains_) forget_expired(now);
    if (windows_.size() >= max_domains_) return {false, static_cast<int>(kWindow.count())};
    it = windows_.emplace(domain, std::deque<Clock::time_point>{}).first;
  }
  auto& times = it->second;
  drop_old(times, now);
  if (times.size() < per_minute_) {
    times.push_back(now);
    return {true, 0};
  }
  const double wait = std::chrono::duration<double>(times.front() + kWindow - now).count();
  return {false, std::max(1, static_cast<int>(std::ceil(wait)))};
}

}  // namespace mxray::web
