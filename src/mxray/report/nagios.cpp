// See nagios.hpp. Perfdata follows the Monitoring Plugins guidelines: 'label'=value[UOM];warn;crit;min;max,
// labels quoted, no '=' or quote inside them, seconds with the unit "s", counts without a unit.
#include "mxray/report/nagios.hpp"

#include <fmt/format.h>

#include <set>

#include "mxray/checks/status.hpp"
#include "mxray/core/printable.hpp"
#include "mxray/i18n/translate.hpp"

namespace mxray::report {
namespace {

using checks::Status;
using i18n::tr;
using i18n::trf;

// A perfdata label from network-supplied text: printable, without the two characters that
// would end it, and short.
std::string label(std::string_view name) {
  std::string out = core::printable(name);
  for (auto& c : out) {
    if (c == '\'' || c == '=' || c == ' ' || c == '|') c = '_';
  }
  if (out.size() > 100) out.resize(100);
  return out;
}

std::string seconds(double ms) { return fmt::format("{:.3f}s", ms / 1000.0); }

// One line of plugin output may not contain '|' outside the perfdata part, nor a line feed.
std::string one_line(std::string_view text) {
  std::string out = core::printable(text);
  for (auto& c : out) {
    if (c == '|') c = '/';
  }
  return out;
}

std::size_t count(const checks::Judgement& j, Status s) {
  std::size_t n = 0;
  for (const auto& f : j.findings) n += f.status == s ? 1 : 0;
  return n;
}

// The plugin conventions' words for a problem's status.
std::string_view state_word(Status s) {
  switch (s) {
    case Status::critical: return "CRITICAL";
    case Status::warning: return "WARNING";
    case Status::inconclusive: return "UNKNOWN";
    default: return "OK";
  }
}

std::string where(const checks::Finding& f) {
  if (f.mx.empty()) return "";
  return " [" + f.mx + (f.ip.empty() ? "" : " " + f.ip) + "]";
}

}  // namespace

std::string render_nagios(const DomainEvidence& ev, const checks::Judgement& j, const checks::MonitoringResult& result,
                          const checks::CertificateThresholds& thresholds, std::string_view lang) {
  // The summary: what a person reads in the monitoring system's status column.
  std::size_t addresses = 0;
  std::size_t encrypted = 0;
  std::set<std::string> seen;
  for (const auto& mx : ev.mx) {
    for (const auto& a : mx.addresses) {
      if (!seen.insert(a.ip).second) continue;
      ++addresses;
      encrypted += a.starttls.ok ? 1 : 0;
    }
  }
  const auto critical = count(j, Status::critical);
  const auto warnings = count(j, Status::warning);
  const auto unsure = count(j, Status::inconclusive);
  std::string summary = one_line(ev.domain) + ": " +
                        i18n::trn(lang, "{mx} MX, {addresses} address, STARTTLS at {encrypted}",
                                  "{mx} MX, {addresses} addresses, STARTTLS at {encrypted}", addresses,
                                  {{"mx", std::to_string(ev.mx.size())},
                                   {"addresses", std::to_string(addresses)},
                                   {"encrypted", std::to_string(encrypted)}});
  if (ev.null_mx) summary = one_line(ev.domain) + ": " + std::string(tr(lang, "null MX (accepts no mail)"));
  // One count per severity word: each takes its own plural form (fr "2 critiques").
  summary +=
      "; " + i18n::trn(lang, "{count} critical", "{count} critical", critical, {{"count", std::to_string(critical)}}) +
      ", " + i18n::trn(lang, "{count} warning", "{count} warnings", warnings, {{"count", std::to_string(warnings)}}) +
      ", " +
      i18n::trn(lang, "{count} inconclusive", "{count} inconclusive", unsure, {{"count", std::to_string(unsure)}});
  for (const auto& f : j.findings) {  // worst first: the first problem names the state
    if (f.status == Status::critical || f.status == Status::warning || f.status == Status::inconclusive) {
      summary += "; " + one_line(tr(lang, f.title)) + one_line(where(f));
      break;
    }
  }
  if (!result.reason.msgid.empty()) summary += "; " + one_line(i18n::render(lang, result.reason));

  // Perfdata: per address once (several MX names may share one), then the domain's.
  std::vector<std::string> perf;
  seen.clear();
  for (const auto& mx : ev.mx) {
    for (const auto& a : mx.addresses) {
      if (!seen.insert(a.ip).second) continue;
      const auto ip = label(a.ip);
      if (a.connect.ok) perf.push_back(fmt::format("'connect_{}'={};;;0", ip, seconds(a.connect.ms)));
      if (a.banner.received) perf.push_back(fmt::format("'greeting_{}'={};;;0", ip, seconds(a.banner.ms)));
      if (a.starttls.ok) perf.push_back(fmt::format("'starttls_{}'={};;;0", ip, seconds(a.starttls.ms)));
      for (const auto& c : result.certificates) {
        if (c.ip == a.ip && c.mx == mx.host) {
          perf.push_back(
              fmt::format("'cert_days_{}'={};{};{}", ip, c.days_left, thresholds.warn_days, thresholds.crit_days));
        }
      }
      if (mx.dane.applies && a.dane.checked)
        perf.push_back(fmt::format("'dane_match_{}'={};;;0;1", ip, a.dane.matched ? 1 : 0));
    }
  }
  const auto& mode = ev.mta_sts.policy.mode;
  if (ev.mta_sts.policy.parsed) {
    perf.push_back(fmt::format("'mta_sts_enforce'={};;;0;1", mode == "enforce" ? 1 : 0));
  }
  perf.push_back(fmt::format("'findings_critical'={};;;0", critical));
  perf.push_back(fmt::format("'findings_warning'={};;;0", warnings));
  perf.push_back(fmt::format("'time'={};;;0", seconds(ev.duration_ms)));

  std::string out = fmt::format("MXRAY {}: {} |", checks::to_string(result.state), summary);
  for (const auto& p : perf) out += " " + p;
  out += "\n";
  // Long output: every problem, worst first, with its address.
  for (const auto& f : j.findings) {
    if (f.status != Status::critical && f.status != Status::warning && f.status != Status::inconclusive) continue;
    const auto detail = i18n::render(lang, f.detail_message);
    out += fmt::format("[{}] {}{}{}\n", state_word(f.status), one_line(tr(lang, f.title)), one_line(where(f)),
                       detail.empty() ? "" : ": " + one_line(detail));
  }
  return out;
}

std::string render_nagios_error(const std::string& input, const std::string& message) {
  return "MXRAY UNKNOWN: cannot check '" + one_line(input) + "': " + one_line(message) + "\n";
}

}  // namespace mxray::report
