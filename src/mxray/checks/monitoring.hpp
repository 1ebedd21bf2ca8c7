// The monitoring state of a check (Monitoring Plugins conventions: OK, WARNING, CRITICAL,
// UNKNOWN, exit 0-3) from the judge's verdict, raised by the operator's certificate-lifetime
// thresholds (`-D warn,crit`, as check_smtp's). A judgement like every other: only here.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mxray/checks/finding.hpp"
#include "mxray/report/evidence.hpp"

namespace mxray::checks {

enum class MonitoringState { ok = 0, warning = 1, critical = 2, unknown = 3 };

std::string_view to_string(MonitoringState state);  // OK, WARNING, CRITICAL, UNKNOWN

/// Days of certificate lifetime left below which the state is raised (`-D 14,7`).
struct CertificateThresholds {
  long long warn_days = 14;
  long long crit_days = 7;
};

/// One address's certificate lifetime at the moment judged (the earliest notAfter of its chain).
struct CertificateLifetime {
  std::string mx;
  std::string ip;
  long long days_left = 0;  // may be negative (expired)
};

struct MonitoringResult {
  MonitoringState state = MonitoringState::unknown;
  i18n::Message reason;  // why the certificate thresholds raised the state; empty msgid when they did not
  std::vector<CertificateLifetime> certificates;  // one per address that presented a chain
};

/// The state: pass OK, warn WARNING, fail CRITICAL, inconclusive UNKNOWN; then a certificate
/// whose chain ends within `crit_days` makes it CRITICAL, within `warn_days` at least WARNING.
MonitoringResult monitoring_result(const report::DomainEvidence& evidence, const Judgement& judgement,
                                   const CertificateThresholds& thresholds);

/// Parses `-D WARN,CRIT` (days, WARN >= CRIT >= 0); nullopt-like: ok false with a message.
struct ThresholdsParse {
  bool ok = false;
  CertificateThresholds thresholds;
  std::string error;  // a msgid
};
ThresholdsParse parse_certificate_thresholds(std::string_view text);

}  // namespace mxray::checks
