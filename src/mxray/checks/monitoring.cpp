// See monitoring.hpp.
#include "mxray/checks/monitoring.hpp"

#include <algorithm>
#include <charconv>

#include "mxray/i18n/translate.hpp"

namespace mxray::checks {
namespace {

constexpr long long kDay = 86'400;

MonitoringState from_verdict(Verdict v) {
  switch (v) {
    case Verdict::pass: return MonitoringState::ok;
    case Verdict::warn: return MonitoringState::warning;
    case Verdict::fail: return MonitoringState::critical;
    case Verdict::inconclusive: return MonitoringState::unknown;
  }
  return MonitoringState::unknown;
}

// Whole days, rounded down (a certificate with 6.9 days left has 6), also when negative.
long long days_between(long long from, long long to) {
  const long long d = to - from;
  return d >= 0 ? d / kDay : -((-d + kDay - 1) / kDay);
}

bool parse_days(std::string_view s, long long& out) {
  if (s.empty()) return false;
  const auto* end = s.data() + s.size();
  const auto r = std::from_chars(s.data(), end, out);
  return r.ec == std::errc() && r.ptr == end && out >= 0 && out <= 36'500;
}

}  // namespace

std::string_view to_string(MonitoringState state) {
  switch (state) {
    case MonitoringState::ok: return "OK";
    case MonitoringState::warning: return "WARNING";
    case MonitoringState::critical: return "CRITICAL";
    case MonitoringState::unknown: return "UNKNOWN";
  }
  return "UNKNOWN";
}

MonitoringResult monitoring_result(const report::DomainEvidence& evidence, const Judgement& judgement,
                                   const CertificateThresholds& thresholds) {
  MonitoringResult r;
  r.state = from_verdict(judgement.verdict);
  const long long now = judgement.as_of_epoch != 0 ? judgement.as_of_epoch : evidence.checked_at_epoch;
  for (const auto& mx : evidence.mx) {
    for (const auto& a : mx.addresses) {
      const auto& chain = a.certificate.chain;
      if (!a.certificate.present || chain.empty()) continue;
      long long not_after = chain.front().not_after_epoch;
      for (const auto& c : chain) {
        if (c.not_after_epoch != 0) not_after = std::min(not_after, c.not_after_epoch);
      }
      r.certificates.push_back({mx.host, a.ip, days_between(now, not_after)});
    }
  }
  const auto soonest = std::min_element(r.certificates.begin(), r.certificates.end(),
                                        [](const auto& x, const auto& y) { return x.days_left < y.days_left; });
  if (soonest == r.certificates.end()) return r;
  MonitoringState raised = MonitoringState::ok;
  if (soonest->days_left <= thresholds.crit_days) {
    raised = MonitoringState::critical;
  } else if (soonest->days_left <= thresholds.warn_days) {
    raised = MonitoringState::warning;
  }
  if (raised == MonitoringState::ok) return r;
  r.reason = i18n::counted("certificate of {mx} at {ip}: {days} day left (thresholds {warn},{crit})",
                           "certificate of {mx} at {ip}: {days} days left (thresholds {warn},{crit})",
                           i18n::magnitude(soonest->days_left),
                           {{"mx", soonest->mx},
                            {"ip", soonest->ip},
                            {"days", std::to_string(soonest->days_left)},
                            {"warn", std::to_string(thresholds.warn_days)},
                            {"crit", std::to_string(thresholds.crit_days)}});
  // UNKNOWN stays UNKNOWN only when nothing was seen; a certificate seen to expire is news.
  if (r.state == MonitoringState::unknown || static_cast<int>(raised) > static_cast<int>(r.state)) r.state = raised;
  return r;
}

ThresholdsParse parse_certificate_thresholds(std::string_view text) {
  ThresholdsParse p;
  const auto comma = text.find(',');
  long long warn = 0;
  long long crit = 0;
  if (comma == std::string_view::npos) {
    if (!parse_days(text, warn)) {
      p.error = N_("expected WARN[,CRIT] in days, e.g. 14,7");
      return p;
    }
    crit = 0;
  } else if (!parse_days(text.substr(0, comma), warn) || !parse_days(text.substr(comma + 1), crit)) {
    p.error = N_("expected WARN[,CRIT] in days, e.g. 14,7");
    return p;
  }
  if (crit > warn) {
    p.error = N_("the critical threshold must not exceed the warning threshold");
    return p;
  }
  p.ok = true;
  p.thresholds = {warn, crit};
  return p;
}

}  // namespace mxray::checks
