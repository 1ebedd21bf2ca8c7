// Front-end rules: what anti-spam front ends do on purpose is explained, never reported as a
// fault: postscreen (greeting pause, first-contact 450, the reconnect), greylisting, one session
// per client address, tarpits, and the big providers' throttling and reputation replies.
#include <algorithm>

#include "mxray/checks/rules.hpp"
#include "mxray/core/text.hpp"

namespace mxray::checks {
namespace {

std::string reply_text(int code, const std::string& text) {
  // Multi-line replies: one line of report, the lines joined with " / ".
  std::string flat = text;
  for (std::size_t at = flat.find('\n'); at != std::string::npos; at = flat.find('\n', at)) flat.replace(at, 1, " / ");
  return std::to_string(code) + " " + flat;
}

// A greeting sent in several lines with a pause before the last (postscreen's "220-" first).
bool paused(const report::BannerEvidence& b) { return b.received && b.lines >= 2 && b.ms - b.first_line_ms >= 1000; }

// One server reply where a provider's text may show up, and the step it belongs to.
struct Seen {
  std::string where;  // greeting | EHLO | MAIL FROM | RCPT TO
  std::string step;
  int code = 0;
  std::string text;
};

std::vector<Seen> replies_of(const report::AddressEvidence& a) {
  std::vector<Seen> out;
  if (a.retry.retried) {
    const std::string step =
        a.retry.deferred_command == "RCPT TO" || a.retry.deferred_command == "MAIL FROM" ? "relay" : "";
    out.push_back({a.retry.deferred_command, step, a.retry.deferred_code, a.retry.deferred_text});
  }
  if (a.banner.received) out.push_back({"greeting", "greeting", a.banner.code, a.banner.text});
  if (a.ehlo.sent && a.ehlo.error.empty()) out.push_back({a.ehlo.command, "ehlo", a.ehlo.code, a.ehlo.text});
  if (a.mail_before_tls.sent) out.push_back({"MAIL FROM", "relay", a.mail_before_tls.code, a.mail_before_tls.text});
  for (const auto& t : a.relay.attempts) {
    if (t.mail_code >= 400) out.push_back({"MAIL FROM", "relay", t.mail_code, t.mail_text});
    if (t.code >= 400) out.push_back({"RCPT TO", "relay", t.code, t.text});
  }
  return out;
}

// The replies of a tarpit: three or more, and at least half of all, each this slow.
std::vector<const report::ReplyTiming*> slow_replies(const report::AddressEvidence& a, const JudgeOptions& o) {
  std::vector<const report::ReplyTiming*> slow;
  for (const auto& t : a.reply_times) {
    if (t.ms >= o.tarpit_reply_ms) slow.push_back(&t);
  }
  if (slow.size() < 3 || slow.size() * 2 < a.reply_times.size()) slow.clear();
  return slow;
}

}  // namespace

bool tarpit_seen(const report::AddressEvidence& a, const JudgeOptions& o) { return !slow_replies(a, o).empty(); }

ProviderReply provider_reply(int code, const std::string& text) {
  if (code < 400 || code >= 600) return {};
  const std::string t = core::ascii_lower(text.substr(0, 4096));
  auto has = [&](std::string_view s) { return t.find(s) != std::string::npos; };
  // The texts Gmail, Microsoft and Yahoo document for senders they slow down or distrust.
  if (has("4.7.28")) return {"Gmail", "reputation"};
  if (has("4.7.650")) return {"Microsoft", "reputation"};
  if (has("[tss04]")) return {"Yahoo", "reputation"};
  if (has("4.7.500") && has("server busy")) return {"Microsoft", "throttle"};
  if (has("4.7.0") && has("try again later, closing connection")) return {"Gmail", "throttle"};
  return {};
}

bool closing_reply_seen(const report::AddressEvidence& a) {
  for (const auto& s : replies_of(a)) {
    if (s.code == 421) return true;
  }
  return a.starttls.code == 421;
}

bool deferral_explained(const report::AddressEvidence& a) {
  if (a.retry.reason == "greylisting" && !a.retry.retried) return true;
  for (const auto& s : replies_of(a)) {
    if (s.step == "relay" && !provider_reply(s.code, s.text).provider.empty()) return true;
  }
  return false;
}

void judge_front_end(const report::MxEvidence& mx, const report::AddressEvidence& a, const JudgeOptions& o,
                     FindingList& out) {
  const auto& host = mx.host;
  if (!a.allowed || !a.connect.ok) return;

  // The greeting pause: the first session's greeting when mxray reconnected.
  const auto& greeting = a.retry.retried ? a.retry.first_banner : a.banner;
  const double pause = greeting.ms - greeting.first_line_ms;
  if (paused(greeting)) {
    if (greeting.ms <= o.greeting_pause_ms) {
      out.add("smtp.greeting_pause", host, a.ip,
              i18n::with_numbers(
                  N_("the final greeting line came {pause} after the first (220-) line, {time} after connecting"), {},
                  {{"pause", i18n::seconds(pause)}, {"time", i18n::seconds(greeting.ms)}}));
    } else {
      out.add("smtp.slow_banner", host, a.ip,
              i18n::with_numbers(N_("the greeting came after {time}, {pause} of it a pause between the first (220-) "
                                    "line and the final one"),
                                 {}, {{"time", i18n::seconds(greeting.ms)}, {"pause", i18n::seconds(pause)}}));
    }
  }

  // postscreen: the paused greeting, then its 450 after the tests, and mxray's reconnect.
  if (a.retry.reason == "postscreen") {
    const std::string deferred = reply_text(a.retry.deferred_code, a.retry.deferred_text);
    if (a.retry.retried) {
      out.add(
          "smtp.postscreen", host, a.ip,
          i18n::with_numbers(
              N_("the greeting paused {pause} before its final line, and the first session's {command} was answered "
                 "{reply}; mxray reconnected after {wait}, as a sender would, and the rest of this report is from "
                 "the second session"),
              {{"command", a.retry.deferred_command}, {"reply", deferred}},
              {{"pause", i18n::seconds(pause)}, {"wait", i18n::seconds(a.retry.wait_ms)}}));
    } else {
      out.add("smtp.postscreen", host, a.ip,
              i18n::with_numbers(
                  N_("the greeting paused {pause} before its final line, and {command} was answered {reply}; mxray did "
                     "not reconnect: {why}"),
                  {{"command", a.retry.deferred_command}, {"reply", deferred}, {"why", a.retry.not_retried}},
                  {{"pause", i18n::seconds(pause)}}));
    }
  } else if (paused(greeting)) {
    out.add(
        "smtp.postscreen", host, a.ip,
        i18n::with_numbers(
            N_("the greeting came in {lines} lines with a pause of {pause} before the last, as postscreen sends it"),
            {{"lines", std::to_string(greeting.lines)}}, {{"pause", i18n::seconds(pause)}}));
  }

  // Greylisting: retried once when the server said how soon, else inconclusive in its own words.
  if (a.retry.reason == "greylisting") {
    const std::string deferred = reply_text(a.retry.deferred_code, a.retry.deferred_text);
    if (a.retry.retried) {
      out.add("smtp.greylisting", host, a.ip,
              i18n::with_numbers(
                  N_("{command} was answered {reply}; mxray came back after {wait}, as the text asked, and the rest "
                     "of this report is from the second session"),
                  {{"command", a.retry.deferred_command}, {"reply", deferred}},
                  {{"wait", i18n::seconds(a.retry.wait_ms)}}))
          .step = "relay";
    } else {
      out.add("smtp.greylisting_unresolved", host, a.ip, N_("{command} was answered {reply}; not retried: {why}"),
              {{"command", a.retry.deferred_command}, {"reply", deferred}, {"why", a.retry.not_retried}})
          .step = "relay";
    }
  }

  // One session per client address: the second session at the same time was refused.
  if (!a.concurrent_refusal.empty()) {
    if (a.sessions_serialised) {
      out.add("smtp.one_session_per_client", host, a.ip,
              N_("a second session opened while the first was running was answered {reply}; mxray ran it again "
                 "once the first had ended"),
              {{"reply", a.concurrent_refusal}});
    } else {
      out.add("smtp.one_session_per_client", host, a.ip,
              N_("a second session opened while the first was running was answered {reply}"),
              {{"reply", a.concurrent_refusal}});
    }
  }

  // Tarpit: most replies delayed by a second or more each.
  const auto slow = slow_replies(a, o);
  if (!slow.empty()) {
    double lo = slow.front()->ms, hi = lo;
    // The slow replies as a list, "RCPT 3.2 s, DATA 4.0 s": a message of its own whose times
    // are numbers, so that each is written with the reader's decimal mark.
    i18n::Message each;
    for (std::size_t i = 0; i < slow.size(); ++i) {
      lo = std::min(lo, slow[i]->ms);
      hi = std::max(hi, slow[i]->ms);
      if (i >= 8) continue;
      const auto name = "t" + std::to_string(i);
      each.msgid += (i == 0 ? "" : ", ") + slow[i]->command + " {" + name + "}";
      each.numbers.emplace_back(name, i18n::seconds(slow[i]->ms));
    }
    if (slow.size() > 8) each.msgid += ", ...";
    // Where the deadline cut the session short: a step, or the relay test's group. The probe
    // names steps by their SMTP command (kept as they are) or in words (worded here).
    std::string cut = a.aborted_kind == "timeout" ? a.aborted.substr(0, a.aborted.find(':')) : std::string();
    for (const auto& t : a.relay.attempts) {
      if (cut.empty() && (t.text.rfind("no answer within", 0) == 0 || t.mail_text.rfind("no answer within", 0) == 0)) {
        cut = "relay";
      }
    }
    auto detail = i18n::with_numbers(
        cut.empty() ? N_("{count} of {total} replies each took {low} to {high} ({replies})")
                    : N_("{count} of {total} replies each took {low} to {high} ({replies}); the check's deadline ended "
                         "the session at {step}"),
        {{"count", std::to_string(slow.size())}, {"total", std::to_string(a.reply_times.size())}},
        {{"low", i18n::seconds(lo)}, {"high", i18n::seconds(hi)}});
    const std::string_view step_words = cut == "relay"           ? N_("the relay test")
                                        : cut == "banner"        ? N_("the greeting")
                                        : cut == "TLS handshake" ? N_("the TLS handshake")
                                                                 : std::string_view{};
    if (!step_words.empty()) {
      detail.parts.emplace_back("step", i18n::Message{std::string(step_words), {}, 0, {}, {}, {}});
    } else {
      detail.args.emplace_back("step", cut);
    }
    detail.parts.emplace_back("replies", std::move(each));
    out.add("smtp.tarpit", host, a.ip, std::move(detail));
  }

  // The providers' throttling and reputation replies, once per kind, at the step they came in.
  bool throttle = false, reputation = false;
  for (const auto& s : replies_of(a)) {
    const auto p = provider_reply(s.code, s.text);
    if (p.provider.empty()) continue;
    bool& done = p.kind == "throttle" ? throttle : reputation;
    if (done) continue;
    done = true;
    out.add(p.kind == "throttle" ? "smtp.provider_throttle" : "smtp.provider_reputation", host, a.ip,
            N_("{where} was answered {reply} ({provider}'s text)"),
            {{"where", s.where}, {"reply", reply_text(s.code, s.text)}, {"provider", p.provider}})
        .step = s.step;
  }
}

}  // namespace mxray::checks
