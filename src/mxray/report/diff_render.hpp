// `mxray diff` output: the changes between two reports as text (a terminal) or JSON
// (schema mxray.diff/1, docs/json-schema.md). Renderers only format: "worse" is the judge's.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "mxray/checks/report_diff.hpp"

namespace mxray::report {

/// The diff as JSON.
nlohmann::json diff_json(const checks::ReportDiff& diff);

/// The diff as text, one line per change, worse ones marked.
std::string render_diff_text(const checks::ReportDiff& diff, bool colour, std::string_view language);

}  // namespace mxray::report
