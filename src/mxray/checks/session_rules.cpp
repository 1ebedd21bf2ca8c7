// Session rules: address policy, connect, greeting, EHLO/HELO, bounds reached.
#include <regex>

#include "mxray/checks/rules.hpp"
#include "mxray/core/printable.hpp"

namespace mxray::checks {
namespace {

std::string ms_text(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, ms < 10 ? "%.1f ms" : "%.0f ms", ms);
  return buf;
}

// Software names followed by a version number, as MTAs put them in greetings.
bool shows_version(const std::string& banner) {
  static const std::regex kVersion(
      R"((postfix|exim|sendmail|opensmtpd|haraka|qmail|zimbra|mdaemon|kerio|hmailserver|courier|communigate|)"
      R"(icewarp|axigen|smartermail|domino|exchange|microsoft esmtp mail service)[^\n]{0,40}?\d+\.\d+)",
      std::regex::icase);
  return std::regex_search(banner, kVersion);
}

}  // namespace

bool answers(const report::AddressEvidence& a) { return a.banner.received && a.banner.code == 220; }

void judge_session(const report::MxEvidence& mx, const report::AddressEvidence& a, const JudgeOptions& o,
                   FindingList& out) {
  const auto& host = mx.host;
  if (!a.allowed) {
    out.add("address.special_range", host, a.ip, a.ip + " is a " + a.special_range + " address; not probed");
    return;
  }
  if (!a.connect.attempted) return;
  if (!a.connect.ok) {
    out.add("smtp.unreachable", host, a.ip,
            "connecting to " + a.ip + " port 25 failed after " + ms_text(a.connect.ms) + ": " + a.connect.error);
    return;
  }
  if (a.connect.ms > o.slow_connect_ms) {
    out.add("smtp.slow_connect", host, a.ip, "the TCP connection took " + ms_text(a.connect.ms));
  }
  if (!a.banner.received) {
    const auto& kind = a.banner.error;
    if (kind == "malformed") {
      out.add("smtp.malformed_reply", host, a.ip, "instead of a greeting the server sent bytes that are not SMTP");
    } else {
      out.add("smtp.no_banner", host, a.ip,
              (kind == "timeout" ? "no greeting within " + ms_text(a.banner.ms)
                                 : "no complete greeting: " + a.banner.text));
    }
  } else if (a.banner.code >= 500) {
    out.add("smtp.greeting_refused", host, a.ip, "greeting " + std::to_string(a.banner.code) + " " + a.banner.text);
  } else if (a.banner.code >= 400) {
    out.add("smtp.greeting_busy", host, a.ip, "greeting " + std::to_string(a.banner.code) + " " + a.banner.text);
  } else if (a.banner.code != 220) {
    out.add("smtp.malformed_reply", host, a.ip, "greeting with code " + std::to_string(a.banner.code) + " instead of 220");
  }
  if (a.banner.received && a.banner.ms > o.slow_banner_ms) {
    out.add("smtp.slow_banner", host, a.ip, "the greeting came after " + ms_text(a.banner.ms));
  }
  if (a.banner.received && shows_version(a.banner.text)) {
    out.add("smtp.banner_version", host, a.ip, "greeting: " + a.banner.text.substr(0, a.banner.text.find('\n')));
  }
  if (a.ehlo.sent && a.ehlo.error.empty()) {
    if (a.ehlo.code != 250) {
      out.add("smtp.helo_refused", host, a.ip, "HELO answered " + std::to_string(a.ehlo.code) + " " + a.ehlo.text);
    } else if (a.ehlo.ehlo_refused) {
      out.add("smtp.ehlo_refused", host, a.ip, "EHLO was refused; HELO was accepted");
    }
  }
  if (!a.bounds_hit.empty()) {
    std::string joined;
    for (const auto& b : a.bounds_hit) joined += (joined.empty() ? "" : "; ") + b;
    out.add("smtp.bound_reached", host, a.ip, joined);
  }
  if (a.banner.received && a.aborted_kind == "closed") {
    out.add("smtp.dropped", host, a.ip, a.aborted);
  }
}

}  // namespace mxray::checks
