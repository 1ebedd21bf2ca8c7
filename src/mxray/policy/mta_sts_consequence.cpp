// See mta_sts_consequence.hpp.
#include "mxray/policy/mta_sts_consequence.hpp"

#include "mxray/policy/mx_pattern.hpp"

namespace mxray::policy {

void evaluate_mx(report::DomainEvidence& ev) {
  auto& sts = ev.mta_sts;
  sts.mx.clear();
  if (!sts.policy.parsed) return;
  for (const auto& mx : ev.mx) {
    if (mx.host.empty()) continue;
    report::MtaStsMxResult r;
    r.host = mx.host;
    for (const auto& p : sts.policy.mx) {
      if (mx_matches(p, mx.host)) {
        r.matches = true;
        r.pattern = p;
        break;
      }
    }
    sts.mx.push_back(std::move(r));
  }
}

}  // namespace mxray::policy
