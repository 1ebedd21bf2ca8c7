// The findings catalogue: every finding's stable id, severity, title, explanation and fix.
// The code and docs/findings.md (generated with `mxray findings --markdown`) use this one table.
#pragma once

#include <span>
#include <string_view>

#include "mxray/checks/finding.hpp"

namespace mxray::checks {

/// One catalogue entry.
struct FindingDefinition {
  std::string_view id;
  Severity severity;
  std::string_view title;
  std::string_view explanation;
  std::string_view fix;
};

/// Every finding mxray can report, in catalogue order.
std::span<const FindingDefinition> catalogue();

/// The entry for `id`; throws std::out_of_range for an unknown id (a bug).
const FindingDefinition& definition(std::string_view id);

}  // namespace mxray::checks
