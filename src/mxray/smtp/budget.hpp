// The time budget of one probe: every step takes the smaller of its own timeout and what is
// left of the probe's and the check's deadlines, and never less than 1 ms (so a step that
// starts at the deadline still ends at once with a timeout rather than waiting forever).
#pragma once

#include <algorithm>
#include <chrono>

#include "mxray/core/limits.hpp"
#include "mxray/smtp/probe.hpp"

namespace mxray::smtp {

class Budget {
 public:
  using Clock = std::chrono::steady_clock;
  /// The probe's own deadline (Limits::probe_timeout from now), capped by the check's.
  explicit Budget(const ProbeSettings& s)
      : deadline_(std::min(Clock::now() + s.limits.probe_timeout, s.check_deadline)) {}
  explicit Budget(Clock::time_point deadline) : deadline_(deadline) {}
  /// The time a step may take: `step`, or what is left when that is less.
  core::Millis operator()(core::Millis step) const {
    const auto left = std::chrono::ceil<core::Millis>(deadline_ - Clock::now());
    return std::max(core::Millis{1}, std::min(step, left));
  }
  bool exhausted() const { return Clock::now() >= deadline_; }
  Clock::time_point deadline() const { return deadline_; }

 private:
  Clock::time_point deadline_;
};

}  // namespace mxray::smtp
