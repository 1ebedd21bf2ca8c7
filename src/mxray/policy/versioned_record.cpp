// See versioned_record.hpp.
#include "mxray/policy/versioned_record.hpp"

namespace mxray::policy {

VersionedRecord select_versioned_record(const std::vector<std::string>& txt, std::string_view version) {
  VersionedRecord out;
  for (const auto& r : txt) {
    if (std::string_view(r).substr(0, version.size()) == version) out.records.push_back(r);
  }
  if (out.records.empty()) {
    out.error = "none";
  } else if (out.records.size() > 1) {
    out.error = "several";
    out.detail = "several_records";
  }
  return out;
}

}  // namespace mxray::policy
