// See retry.hpp. The texts read here are the server's own (escaped); numbers are parsed by hand
// and capped, so a hostile reply cannot ask for an absurd wait.
#include "mxray/smtp/retry.hpp"

#include <algorithm>
#include <cctype>

#include "mxray/core/text.hpp"

namespace mxray::smtp {
namespace {

constexpr std::size_t kMaxScan = 2048;
constexpr int kMaxStatedWait = 24 * 3600;
// postscreen's tests are passed once the session ends; a real sender comes back later, so a
// short pause lets the server write its cache before the second connection.
constexpr std::chrono::milliseconds kPostscreenWait{1'000};
// Greylisting: come back a little after the stated time, not on its edge.
constexpr std::chrono::milliseconds kGreylistMargin{1'000};

bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool mentions_greylisting(const std::string& lower) {
  for (const char* word : {"greylist", "graylist", "grey-list", "gray-list", "grey list", "gray list"}) {
    if (lower.find(word) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

int stated_wait_seconds(std::string_view text) {
  const std::string lower = core::ascii_lower(text.substr(0, kMaxScan));
  for (std::size_t i = 0; i < lower.size(); ++i) {
    if (!is_digit(lower[i]) || (i > 0 && (is_digit(lower[i - 1]) || lower[i - 1] == '.' || is_alpha(lower[i - 1])))) {
      continue;
    }
    std::size_t j = i;
    long value = 0;
    for (; j < lower.size() && is_digit(lower[j]); ++j)
      value = std::min<long>(value * 10 + (lower[j] - '0'), kMaxStatedWait * 60L);
    if (j < lower.size() && lower[j] == '.') continue;  // 4.2.0, an address: not a time
    std::size_t k = j;
    while (k < lower.size() && lower[k] == ' ') ++k;
    std::size_t end = k;
    while (end < lower.size() && is_alpha(lower[end])) ++end;
    const std::string unit = lower.substr(k, end - k);
    long seconds = -1;
    if (unit == "s" || unit == "sec" || unit == "secs" || unit == "second" || unit == "seconds") seconds = value;
    if (unit == "m" || unit == "min" || unit == "mins" || unit == "minute" || unit == "minutes") seconds = value * 60;
    if (seconds >= 0) return static_cast<int>(std::min<long>(seconds, kMaxStatedWait));
    i = j;
  }
  return -1;
}

bool paused_greeting(const report::BannerEvidence& banner) {
  return banner.received && banner.lines >= 2 && banner.ms - banner.first_line_ms >= 1'000;
}

RetryPlan plan_retry(const report::AddressEvidence& first, std::chrono::milliseconds left,
                     std::chrono::milliseconds session_budget) {
  RetryPlan plan;
  for (const auto& attempt : first.relay.attempts) {
    const bool at_mail = attempt.mail_code >= 400 && attempt.mail_code < 500;
    const bool at_rcpt = attempt.code >= 400 && attempt.code < 500;
    if (!at_mail && !at_rcpt) continue;
    plan.deferred_command = at_mail ? "MAIL FROM" : "RCPT TO";
    plan.deferred_code = at_mail ? attempt.mail_code : attempt.code;
    plan.deferred_text = at_mail ? attempt.mail_text : attempt.text;
    break;
  }
  if (plan.deferred_code == 0) return plan;
  const std::string lower = core::ascii_lower(plan.deferred_text);
  // Provider throttling (4.7.x) is not a test to pass by retrying at once: no retry.
  if (paused_greeting(first.banner) && plan.deferred_command == "RCPT TO" && lower.find("4.7.") == std::string::npos) {
    plan.reason = "postscreen";
    plan.wait = kPostscreenWait;
  } else if (mentions_greylisting(lower)) {
    plan.reason = "greylisting";
    plan.stated_wait_s = stated_wait_seconds(plan.deferred_text);
    if (plan.stated_wait_s < 0) {
      plan.not_retried = "the server's text does not say when to retry";
      return plan;
    }
    plan.wait = std::chrono::seconds(plan.stated_wait_s) + kGreylistMargin;
  } else {
    return plan;
  }
  if (plan.wait + session_budget > left) {
    plan.not_retried = "a retry after " + std::to_string(plan.wait.count() / 1000) +
                       " s would not end before the deadline (" + std::to_string(left.count() / 1000) + " s left)";
    return plan;
  }
  plan.retry = true;
  return plan;
}

}  // namespace mxray::smtp
