// The terminal report: grouped by MX then address, status marks, findings with their fixes,
// in the chosen language. It only formats; every decision was made by the judge.
#pragma once

#include <string>
#include <string_view>

#include "mxray/checks/finding.hpp"
#include "mxray/report/evidence.hpp"

namespace mxray::report {

/// Renders the report for a terminal; `colour` adds ANSI colours.
std::string render_text(const DomainEvidence& evidence, const checks::Judgement& judgement, bool colour,
                        std::string_view language = "en");

}  // namespace mxray::report
