// Relay rules: open, closed or inconclusive.
#include "mxray/checks/rules.hpp"

namespace mxray::checks {

void judge_relay(const report::MxEvidence& mx, const report::AddressEvidence& a, FindingList& out) {
  const auto& r = a.relay;
  if (r.open) {
    for (const auto& attempt : r.attempts) {
      if (!attempt.accepted) continue;
      out.add("relay.open", mx.host, a.ip, N_("MAIL FROM:<{from}> RCPT TO:<{to}> was answered {reply}"),
              {{"from", attempt.mail_from}, {"to", attempt.rcpt_to},
               {"reply", std::to_string(attempt.code) + " " + attempt.text}});
      break;
    }
    return;
  }
  if (r.tested && !r.attempts.empty()) {
    const auto& last = r.attempts.back();
    out.add("relay.closed", mx.host, a.ip, N_("RCPT TO:<{to}> was answered {reply}"),
            {{"to", last.rcpt_to}, {"reply", std::to_string(last.code) + " " + last.text}});
    return;
  }
  if (!r.skipped_reason.empty()) {
    out.add("relay.inconclusive", mx.host, a.ip, "{reason}", {{"reason", r.skipped_reason}});
  } else if (!r.attempts.empty()) {
    const auto& last = r.attempts.back();
    if (last.mail_code != 0) {
      out.add("relay.inconclusive", mx.host, a.ip, N_("MAIL FROM answered {reply}"),
              {{"reply", std::to_string(last.mail_code) + " " + last.mail_text}});
    } else {
      out.add("relay.inconclusive", mx.host, a.ip, N_("the session ended: {reason}"),
              {{"reason", last.text.empty() ? last.mail_text : last.text}});
    }
  }
}

}  // namespace mxray::checks
