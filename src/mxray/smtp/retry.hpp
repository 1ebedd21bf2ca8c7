// When mxray reconnects once, as a real sender would: after postscreen's first-contact 450
// (a multi-line greeting with a pause, then a 4xx to RCPT TO), or after a greylisting deferral
// whose own text says how soon to retry. Reads only evidence already escaped; no I/O.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "mxray/report/evidence.hpp"

namespace mxray::smtp {

/// What to do after the first session of an address.
struct RetryPlan {
  bool retry = false;
  std::string reason;       // postscreen | greylisting
  std::string not_retried;  // a deferral that is not retried, and why
  std::chrono::milliseconds wait{0};
  int stated_wait_s = -1;
  std::string deferred_command;
  int deferred_code = 0;
  std::string deferred_text;
};

/// Seconds a reply text asks the client to wait ("for 300 seconds", "in 5 minutes"), -1 when
/// it names no time. Bounded: at most the first 2048 bytes are read.
int stated_wait_seconds(std::string_view text);

/// The greeting came in several lines with a pause of at least a second before the last one.
bool paused_greeting(const report::BannerEvidence& banner);

/// Whether to reconnect after this session; `left` is what the deadline still allows, and a
/// retry is planned only when its wait plus `session_budget` fit in it.
RetryPlan plan_retry(const report::AddressEvidence& first, std::chrono::milliseconds left,
                     std::chrono::milliseconds session_budget);

}  // namespace mxray::smtp
