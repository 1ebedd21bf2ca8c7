// Relay rules: open, closed or inconclusive. Open means an outside recipient got 2xx to RCPT
// TO; without DATA that proves the server would take the transaction, not that it would relay.
#include "mxray/checks/rules.hpp"
#include "mxray/core/text.hpp"

namespace mxray::checks {

bool relay_open(const report::RelayEvidence& r) {
  for (const auto& attempt : r.attempts) {
    if (attempt.accepted && attempt.targets_outside) return true;
  }
  return false;
}

void judge_relay(const report::MxEvidence& mx, const report::AddressEvidence& a, FindingList& out) {
  const auto& r = a.relay;
  // Replies out of turn: no answer can be matched to its command, an accepted RCPT as little
  // as a refused one (smtp.out_of_turn says what was seen).
  if (!r.attempts.empty() && !a.out_of_turn.empty()) {
    out.add("relay.desynced", mx.host, a.ip, "{details}", {{"details", core::join(a.out_of_turn, "; ")}});
    return;
  }
  if (relay_open(r)) {
    for (const auto& attempt : r.attempts) {
      if (!attempt.accepted || !attempt.targets_outside) continue;
      out.add("relay.open", mx.host, a.ip, N_("MAIL FROM:<{from}> RCPT TO:<{to}> was answered {reply}"),
              {{"from", attempt.mail_from},
               {"to", attempt.rcpt_to},
               {"reply", std::to_string(attempt.code) + " " + attempt.text}});
      break;
    }
    return;
  }
  std::string tricks;
  for (const auto& attempt : r.attempts) {
    if (attempt.accepted && !attempt.targets_outside)
      tricks += (tricks.empty() ? "" : ", ") + attempt.variant + " <" + attempt.rcpt_to + ">";
  }
  if (!tricks.empty())
    out.add("relay.trick_accepted", mx.host, a.ip, N_("accepted: {variants}"), {{"variants", tricks}});
  // A 4xx to MAIL FROM or RCPT TO (greylisting, rate limits) says nothing either way; when a
  // front-end rule names it (greylisting, a provider's text), that finding says so instead.
  if (deferral_explained(a)) return;
  for (const auto& attempt : r.attempts) {
    const int code = attempt.code != 0 ? attempt.code : attempt.mail_code;
    if (code >= 400 && code < 500) {
      out.add("relay.deferred", mx.host, a.ip, N_("{variant}: {reply}"),
              {{"variant", attempt.variant.empty() ? std::string("plain") : attempt.variant},
               {"reply", std::to_string(code) + " " + (attempt.code != 0 ? attempt.text : attempt.mail_text)}});
      return;
    }
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
