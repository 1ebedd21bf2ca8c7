// Where a check spent its time: every timed step (a TCP connect, a greeting, a command or a
// pipelined group of commands, a TLS handshake, a DNS stage, the policy fetch) with its start
// relative to the start of the check and its duration, so that steps running side by side
// show as such. Reports draw a waterfall from it; the judge never reads it.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace mxray::core {

/// One step: `session` names the connection or stage it belongs to (main, relay, legacy_tls,
/// dns, ...), `step` what was done (connect, greeting, EHLO, MAIL+RSET+STARTTLS, tls_handshake).
struct TimedStep {
  std::string session;
  std::string step;
  double start_ms = 0;  // since the start of the check
  double ms = 0;
  bool ok = true;  // false: the step failed or timed out
};

/// At most this many steps per address and per domain stage list (a server cannot grow it).
inline constexpr std::size_t kMaxTimedSteps = 64;

/// Appends steps of one session to a list shared with other sessions (single-threaded: all
/// writers run on the check's event loop). A default-constructed log records nothing.
class StepLog {
 public:
  using Clock = std::chrono::steady_clock;
  StepLog() = default;
  StepLog(std::vector<TimedStep>* steps, Clock::time_point origin, std::string session)
      : steps_(steps), origin_(origin), session_(std::move(session)) {}

  /// The same list and origin under another session name.
  StepLog as(std::string session) const { return StepLog(steps_, origin_, std::move(session)); }
  void add(std::string step, Clock::time_point from, Clock::time_point to, bool ok = true) const;
  bool enabled() const { return steps_ != nullptr; }

 private:
  std::vector<TimedStep>* steps_ = nullptr;
  Clock::time_point origin_{};
  std::string session_;
};

}  // namespace mxray::core
