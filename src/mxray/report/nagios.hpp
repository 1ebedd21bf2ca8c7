// The Monitoring Plugins output of a check (Nagios, Icinga, Naemon, Sensu, Zabbix's
// check_nagios items): one status line `MXRAY STATE: summary | perfdata`, then one line per
// problem. The state was decided by the judge (checks/monitoring.hpp); this only formats.
#pragma once

#include <string>
#include <string_view>

#include "mxray/checks/finding.hpp"
#include "mxray/checks/monitoring.hpp"
#include "mxray/report/evidence.hpp"

namespace mxray::report {

/// The plugin output for a check; perfdata per address (connect, greeting and STARTTLS times
/// in seconds, certificate days left with the thresholds, DANE match), per domain (MTA-STS
/// mode, findings by status, total time).
std::string render_nagios(const DomainEvidence& evidence, const checks::Judgement& judgement,
                          const checks::MonitoringResult& result, const checks::CertificateThresholds& thresholds,
                          std::string_view language = "en");

/// The output when the check could not be made: `MXRAY UNKNOWN: cannot check 'x': why`.
std::string render_nagios_error(const std::string& input, const std::string& message);

}  // namespace mxray::report
