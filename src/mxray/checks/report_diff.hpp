// What changed between two saved reports (mxray.report/1) of the same domain: per MX, address
// and step. The judge's word on "worse": a verdict or step status that rose, or a new finding
// at warning or critical. The reports are untrusted files; the caller escapes them first.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mxray::checks {

/// One change, at one place.
struct Change {
  std::string kind;  // verdict | step | finding_new | finding_resolved | mx_added | mx_removed |
                     // address_added | address_removed | certificate | tlsa_added | tlsa_removed |
                     // mta_sts_id | mta_sts_mode | mta_sts_max_age
  std::string mx;    // empty: the domain
  std::string ip;    // empty: the MX or the domain
  std::string what;  // the step, the finding id, the TLSA record, ...
  std::string before;
  std::string after;
  bool worse = false;  // this change makes mail delivery or its protection worse
  bool better = false;
};

/// Every change from `before` to `after`, and whether any got worse.
struct ReportDiff {
  std::string domain_before;
  std::string domain_after;
  std::string checked_before;
  std::string checked_after;
  std::vector<Change> changes;
  bool worse = false;
};

/// Compares two reports; throws std::invalid_argument when one is not an mxray report.
ReportDiff diff_reports(const nlohmann::json& before, const nlohmann::json& after);

}  // namespace mxray::checks
