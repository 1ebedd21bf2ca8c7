// The one mapping from the judge's statuses and verdicts to marks, shared by the terminal
// report and its tests (web/app.js has the same table for the page). No decisions here.
#pragma once

#include <string_view>

#include "mxray/checks/finding.hpp"

namespace mxray::report {

/// The mark of a status: ✓ ok, i info, ! warning, ✗ critical, ? inconclusive, - not tested.
constexpr std::string_view mark_of(checks::Status s) {
  switch (s) {
    case checks::Status::ok: return "✓";
    case checks::Status::info: return "i";
    case checks::Status::warning: return "!";
    case checks::Status::critical: return "✗";
    case checks::Status::inconclusive: return "?";
    case checks::Status::not_tested: return "-";
  }
  return "-";
}

/// The label of a verdict before translation: PASS, WARN, FAIL, INCONCLUSIVE.
constexpr std::string_view label_of(checks::Verdict v) {
  switch (v) {
    case checks::Verdict::pass: return "PASS";
    case checks::Verdict::warn: return "WARN";
    case checks::Verdict::fail: return "FAIL";
    case checks::Verdict::inconclusive: return "INCONCLUSIVE";
  }
  return "FAIL";
}

}  // namespace mxray::report
