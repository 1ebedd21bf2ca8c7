// See scan_summary.hpp.
#include "mxray/pipeline/scan_summary.hpp"

#include <cstdio>

namespace mxray::pipeline {

void ScanSummary::add(std::string_view verdict, const report::DomainEvidence* evidence) {
  ++domains;
  for (std::size_t i = 0; i < kVerdicts.size(); ++i) {
    if (kVerdicts[i] == verdict) ++verdicts[i];
  }
  if (evidence == nullptr) return;
  for (const auto& mx : evidence->mx) {
    mx_hosts.insert(fnv1a64(mx.host));
    for (const auto& a : mx.addresses) addresses.insert(fnv1a64(a.ip));
  }
}

std::size_t ScanSummary::verdict_count(std::string_view verdict) const {
  for (std::size_t i = 0; i < kVerdicts.size(); ++i) {
    if (kVerdicts[i] == verdict) return verdicts[i];
  }
  return 0;
}

std::string summary_csv(const ScanSummary& s) {
  std::string out = "shard,domains";
  for (const auto v : ScanSummary::kVerdicts) out += "," + std::string(v);
  out += ",mx_hosts,addresses,probes,probes_reused,resumed,duplicates,seconds\n";
  out += to_string(s.shard) + "," + std::to_string(s.domains);
  for (const auto n : s.verdicts) out += "," + std::to_string(n);
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f", s.seconds);
  out += "," + std::to_string(s.mx_hosts.size()) + "," + std::to_string(s.addresses.size()) + "," +
         std::to_string(s.probes) + "," + std::to_string(s.probes_reused) + "," + std::to_string(s.resumed) + "," +
         std::to_string(s.duplicates) + "," + seconds + "\n";
  return out;
}

}  // namespace mxray::pipeline
