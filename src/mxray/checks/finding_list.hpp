// Collects findings for the judge: each is made from its catalogue entry plus what was
// observed at one place (domain, MX or address).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mxray/checks/catalogue.hpp"
#include "mxray/checks/finding.hpp"

namespace mxray::checks {

/// Thresholds the rules use; the defaults are what mxray reports with.
struct JudgeOptions {
  double slow_connect_ms = 2000;
  double slow_banner_ms = 2000;
  long long expiry_warning_days = 30;
};

class FindingList {
 public:
  /// Adds finding `id` (a catalogue id) for `mx` / `ip` with the observed `detail`.
  void add(std::string_view id, std::string mx, std::string ip, std::string detail) {
    const auto& d = definition(id);
    findings_.push_back(Finding{std::string(d.id), d.severity, std::move(mx), std::move(ip), std::string(d.title),
                                std::move(detail), std::string(d.explanation), std::string(d.fix)});
  }
  std::vector<Finding>& items() { return findings_; }

 private:
  std::vector<Finding> findings_;
};

}  // namespace mxray::checks
