// Relay rules: open, closed or inconclusive.
#include "mxray/checks/rules.hpp"

namespace mxray::checks {

void judge_relay(const report::MxEvidence& mx, const report::AddressEvidence& a, FindingList& out) {
  const auto& r = a.relay;
  if (r.open) {
    for (const auto& attempt : r.attempts) {
      if (!attempt.accepted) continue;
      out.add("relay.open", mx.host, a.ip,
              "MAIL FROM:<" + attempt.mail_from + "> RCPT TO:<" + attempt.rcpt_to + "> was answered " +
                  std::to_string(attempt.code) + " " + attempt.text);
      break;
    }
    return;
  }
  if (r.tested && !r.attempts.empty()) {
    const auto& last = r.attempts.back();
    out.add("relay.closed", mx.host, a.ip, "RCPT TO:<" + last.rcpt_to + "> answered " + std::to_string(last.code) + " " + last.text);
    return;
  }
  if (!r.attempts.empty() || !r.skipped_reason.empty()) {
    std::string why = r.skipped_reason;
    if (why.empty() && !r.attempts.empty()) {
      const auto& last = r.attempts.back();
      why = last.mail_code != 0 ? "MAIL FROM answered " + std::to_string(last.mail_code) + " " + last.mail_text
                                : (last.text.empty() ? last.mail_text : last.text);
    }
    out.add("relay.inconclusive", mx.host, a.ip, why);
  }
}

}  // namespace mxray::checks
