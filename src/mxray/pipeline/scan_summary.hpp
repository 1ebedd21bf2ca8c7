// The totals of one `mxray scan`: domains, verdicts, distinct MX hosts and addresses, probes
// made and reused, time; printed at the end and written as CSV (--summary-csv). Memory: one
// hash per distinct host and address (pipeline::KeySet).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "mxray/pipeline/scan_input.hpp"
#include "mxray/report/evidence.hpp"

namespace mxray::pipeline {

struct ScanSummary {
  static constexpr std::array<std::string_view, 5> kVerdicts{"pass", "warn", "fail", "inconclusive", "error"};

  Shard shard;
  std::size_t domains = 0;                // reports written by this run
  std::array<std::size_t, 5> verdicts{};  // by kVerdicts
  KeySet mx_hosts;
  KeySet addresses;
  std::size_t probes = 0;         // SMTP probes made (one per address and session kind)
  std::size_t probes_reused = 0;  // probes taken from another domain's check
  std::size_t resumed = 0;        // domains skipped: already in the output
  std::size_t duplicates = 0;
  double seconds = 0;

  /// Counts one report: its verdict ("error": could not check) and its MX hosts and addresses.
  void add(std::string_view verdict, const report::DomainEvidence* evidence);
  std::size_t verdict_count(std::string_view verdict) const;
};

/// The summary as CSV: a header line and one line of values.
std::string summary_csv(const ScanSummary& s);

}  // namespace mxray::pipeline
