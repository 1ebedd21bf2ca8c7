// Picks the one TXT record of a versioned policy (MTA-STS "v=STSv1", TLS-RPT "v=TLSRPTv1"):
// records that do not start with the version are discarded (RFC 8461 3.1, RFC 8460 3), and
// there must be exactly one left. Input is untrusted TXT text, already bounded.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mxray::policy {

/// The records that start with the version, and why they are not exactly one.
struct VersionedRecord {
  std::vector<std::string> records;
  std::string error;   // none | several | "" (exactly one)
  std::string detail;  // a code: several_records (the records show how many)
};

/// Selects the records of `txt` that start with `version`.
VersionedRecord select_versioned_record(const std::vector<std::string>& txt, std::string_view version);

}  // namespace mxray::policy
