// The terminal report: grouped by MX then address, status marks, findings with their fixes.
// It only formats; every decision was made by the judge. Colour only when asked for.
#pragma once

#include <string>

#include "mxray/checks/finding.hpp"
#include "mxray/report/evidence.hpp"

namespace mxray::report {

/// Renders the report for a terminal; `colour` adds ANSI colours.
std::string render_text(const DomainEvidence& evidence, const checks::Judgement& judgement, bool colour);

}  // namespace mxray::report
