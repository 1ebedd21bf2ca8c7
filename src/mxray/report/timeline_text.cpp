// See timeline_text.hpp.
#include "mxray/report/timeline_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "mxray/i18n/number.hpp"
#include "mxray/i18n/translate.hpp"

namespace mxray::report {
namespace {

// The sessions and stages a timeline names (core::StepLog's session names).
std::string_view session_label(std::string_view lang, std::string_view session) {
  static const std::map<std::string_view, std::string_view> kLabels = {
      {"main", N_("main session")},
      {"first", N_("first session (before the reconnect)")},
      {"relay", N_("relay test session")},
      {"legacy_tls", N_("TLS 1.0/1.1 test")},
      {"legacy_tls1.0", N_("TLS 1.0 test")},
      {"plaintext", N_("plain-text test")},
      {"reverse_dns", N_("reverse DNS")},
      {"dns", N_("DNS")},
      {"mta_sts", N_("MTA-STS")},
      {"submission", N_("submission")},
      {"dnsbl", N_("blocklists")},
  };
  const auto it = kLabels.find(session);
  return it == kLabels.end() ? session : i18n::tr(lang, it->second);
}

// The steps that are not protocol words (those stay as sent: EHLO, MAIL+RCPT, QUIT).
std::string_view step_label(std::string_view lang, std::string_view step) {
  static const std::map<std::string_view, std::string_view> kLabels = {
      {"queue", N_("waiting for a session slot")},
      {"connect", N_("connect")},
      {"greeting", N_("greeting")},
      {"tls_handshake", N_("TLS handshake")},
      {"retry_wait", N_("waiting before the reconnect")},
      {"PTR", N_("PTR and forward lookup")},
      {"policy_fetch", N_("policy fetch (HTTPS)")},
      {"discovery_and_probes", N_("discovery and sessions")},
      {"lookups", N_("lookups")},
  };
  const auto it = kLabels.find(step);
  return it == kLabels.end() ? step : i18n::tr(lang, it->second);
}

std::string ms_text(std::string_view lang, double v) { return i18n::format_decimal(lang, v, v < 10 ? 1 : 0); }

// Code points, for aligning translated labels (all of mxray's labels are single-width).
std::size_t width(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string pad(std::string s, std::size_t to) {
  const auto w = width(s);
  if (w < to) s.append(to - w, ' ');
  return s;
}

struct Row {
  const core::TimedStep* step;
  std::string where;
};

}  // namespace

std::string timed_step_label(const core::TimedStep& step, std::string_view language) {
  return i18n::trf(language, "{session}: {step}",
                   {{"session", std::string(session_label(language, step.session))},
                    {"step", std::string(step_label(language, step.step))}});
}

std::string render_timeline(const DomainEvidence& evidence, std::string_view language) {
  std::vector<Row> rows;
  for (const auto& t : evidence.timeline) rows.push_back({&t, evidence.domain});
  std::set<std::string> seen;
  for (const auto& mx : evidence.mx) {
    for (const auto& a : mx.addresses) {
      // An address shared by several MX names was probed once: its steps are listed once.
      if (!a.evidence_from.empty() || !seen.insert(a.ip).second) continue;
      for (const auto& t : a.timeline) rows.push_back({&t, a.ip});
    }
  }
  for (const auto& s : evidence.submission.services) {
    for (const auto& a : s.addresses) {
      for (const auto& t : a.timeline) rows.push_back({&t, fmt::format("{}:{}", a.ip, s.port)});
    }
  }
  if (rows.empty()) return {};
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& x, const Row& y) { return x.step->start_ms < y.step->start_ms; });
  const std::string h_start(i18n::tr(language, "start (ms)"));
  const std::string h_time(i18n::tr(language, "time (ms)"));
  const std::string h_where(i18n::tr(language, "where"));
  std::size_t w_where = width(h_where);
  for (const auto& r : rows) w_where = std::max(w_where, width(r.where));
  const std::size_t w_start = std::max<std::size_t>(width(h_start), 8);
  const std::size_t w_time = std::max<std::size_t>(width(h_time), 8);
  std::string out = std::string(i18n::tr(language, "Where the check spent its time")) + "\n";
  out += "  " + pad(h_start, w_start) + "  " + pad(h_time, w_time) + "  " + pad(h_where, w_where) + "  " +
         std::string(i18n::tr(language, "step")) + "\n";
  for (const auto& r : rows) {
    const auto start = ms_text(language, r.step->start_ms);
    const auto time = ms_text(language, r.step->ms);
    out += "  " + std::string(w_start - std::min(w_start, width(start)), ' ') + start + "  " +
           std::string(w_time - std::min(w_time, width(time)), ' ') + time + "  " + pad(r.where, w_where) + "  " +
           timed_step_label(*r.step, language) +
           (r.step->ok ? "" : "  " + std::string(i18n::tr(language, "(failed)"))) + "\n";
  }
  return out;
}

}  // namespace mxray::report
