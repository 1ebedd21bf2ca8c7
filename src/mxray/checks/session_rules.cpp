// Session rules: address policy, connect, greeting, EHLO/HELO, bounds reached.
#include <regex>

#include "mxray/checks/rules.hpp"
#include "mxray/core/text.hpp"

namespace mxray::checks {
namespace {

// Software names followed by a version number, as MTAs put them in greetings.
bool shows_version(const std::string& banner) {
  static const std::regex kVersion(
      R"((postfix|exim|sendmail|opensmtpd|haraka|qmail|zimbra|mdaemon|kerio|hmailserver|courier|communigate|)"
      R"(icewarp|axigen|smartermail|domino|exchange|microsoft esmtp mail service)[^\n]{0,40}?\d+\.\d+)",
      std::regex::icase);
  return std::regex_search(banner, kVersion);
}

std::string code_and_text(int code, const std::string& text) { return std::to_string(code) + " " + text; }

}  // namespace

bool answers(const report::AddressEvidence& a) { return a.banner.received && a.banner.code == 220; }

void judge_session(const report::DomainEvidence& ev, const report::MxEvidence& mx, const report::AddressEvidence& a,
                   const JudgeOptions& o, FindingList& out) {
  const auto& host = mx.host;
  if (!a.allowed) {
    out.add("address.special_range", host, a.ip, N_("{ip} is a {range} address; not probed"),
            {{"ip", a.ip}, {"range", a.special_range}});
    return;
  }
  if (!a.connect.attempted) return;
  if (!a.connect.ok && not_tested_here(ev, a)) {
    out.add(
        "smtp.not_tested_here", host, a.ip,
        i18n::with_numbers(N_("connecting to {ip} port 25 failed after {time}: {error}"),
                           {{"ip", a.ip}, {"error", a.connect.error}}, {{"time", i18n::milliseconds(a.connect.ms)}}));
    return;
  }
  if (!a.connect.ok) {
    out.add(
        "smtp.unreachable", host, a.ip,
        i18n::with_numbers(N_("connecting to {ip} port 25 failed after {time}: {error}"),
                           {{"ip", a.ip}, {"error", a.connect.error}}, {{"time", i18n::milliseconds(a.connect.ms)}}));
    return;
  }
  if (a.connect.ms > o.slow_connect_ms) {
    out.add("smtp.slow_connect", host, a.ip,
            i18n::with_numbers(N_("the TCP connection took {time}"), {}, {{"time", i18n::milliseconds(a.connect.ms)}}));
  }
  if (!a.banner.received) {
    const auto& kind = a.banner.error;
    if (kind == "malformed") {
      out.add("smtp.malformed_reply", host, a.ip, N_("instead of a greeting the server sent bytes that are not SMTP"));
    } else if (kind == "timeout") {
      out.add("smtp.no_banner", host, a.ip,
              i18n::with_numbers(N_("no greeting within {time}"), {}, {{"time", i18n::milliseconds(a.banner.ms)}}));
    } else {
      out.add("smtp.no_banner", host, a.ip, N_("no complete greeting: {error}"), {{"error", a.banner.text}});
    }
  } else if (a.banner.code >= 500) {
    out.add("smtp.greeting_refused", host, a.ip, N_("greeting: {reply}"),
            {{"reply", code_and_text(a.banner.code, a.banner.text)}});
  } else if (a.banner.code >= 400 && provider_reply(a.banner.code, a.banner.text).provider.empty()) {
    out.add("smtp.greeting_busy", host, a.ip, N_("greeting: {reply}"),
            {{"reply", code_and_text(a.banner.code, a.banner.text)}});
  } else if (a.banner.code >= 400) {
    // A provider's throttling text: front_end_rules explains it.
  } else if (a.banner.code != 220) {
    out.add("smtp.malformed_reply", host, a.ip, N_("greeting with code {code} instead of 220"),
            {{"code", std::to_string(a.banner.code)}});
  }
  // A greeting paused before its last line (postscreen) is judged in front_end_rules.
  const bool paused = a.banner.lines >= 2 && a.banner.ms - a.banner.first_line_ms >= 1000;
  if (a.banner.received && a.banner.ms > o.slow_banner_ms && !paused) {
    out.add("smtp.slow_banner", host, a.ip,
            i18n::with_numbers(N_("the greeting came after {time}"), {}, {{"time", i18n::milliseconds(a.banner.ms)}}));
  }
  if (a.banner.received && shows_version(a.banner.text)) {
    out.add("smtp.banner_version", host, a.ip, N_("greeting: {banner}"),
            {{"banner", a.banner.text.substr(0, a.banner.text.find('\n'))}});
  }
  if (a.ehlo.sent && a.ehlo.error.empty()) {
    if (a.ehlo.code >= 400 && a.ehlo.code < 500) {
      // A temporary refusal says nothing about EHLO support (a provider's text: front_end_rules).
      if (provider_reply(a.ehlo.code, a.ehlo.text).provider.empty()) {
        out.add("smtp.greeting_busy", host, a.ip, N_("{command} answered {reply}"),
                {{"command", a.ehlo.command}, {"reply", code_and_text(a.ehlo.code, a.ehlo.text)}});
      }
    } else if (a.ehlo.code != 250) {
      out.add("smtp.helo_refused", host, a.ip, N_("HELO answered {reply}"),
              {{"reply", code_and_text(a.ehlo.code, a.ehlo.text)}});
    } else if (a.ehlo.ehlo_refused) {
      out.add("smtp.ehlo_refused", host, a.ip, N_("EHLO was refused; HELO was accepted"));
    }
  }
  // A tarpit that the deadline cut short: smtp.tarpit says so, the time limit is no fault of its own.
  std::vector<std::string> bounds;
  const bool tarpit = tarpit_seen(a, o);
  for (const auto& b : a.bounds_hit) {
    if (!tarpit || b.find("time limit reached") == std::string::npos) bounds.push_back(b);
  }
  if (!bounds.empty()) {
    std::string joined = core::join(bounds, "; ");
    out.add("smtp.bound_reached", host, a.ip, "{limits}", {{"limits", joined}});
  }
  if (!a.out_of_turn.empty()) {
    std::string joined = core::join(a.out_of_turn, "; ");
    out.add("smtp.out_of_turn", host, a.ip, "{details}", {{"details", joined}});
  }
  // After a 421 (RFC 5321 3.8: the server is closing) the close is expected, not a drop.
  if (a.banner.received && a.aborted_kind == "closed" && !closing_reply_seen(a)) {
    out.add("smtp.dropped", host, a.ip, N_("closed during {step}"), {{"step", a.aborted}});
  }
  // A stall after the greeting (the TLS handshake has its own finding): what a sender meets too.
  const bool handshake = a.starttls.attempted && !a.starttls.ok;
  if (a.banner.received && a.banner.code == 220 && a.aborted_kind == "timeout" && !handshake) {
    out.add("smtp.stalled", host, a.ip, N_("no answer in time: {step}"), {{"step", a.aborted}});
  }
}

}  // namespace mxray::checks
