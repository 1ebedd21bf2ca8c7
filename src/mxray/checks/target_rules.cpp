// Target rules: a host (--host) or an address literal checked directly says so, with the
// checks that need a domain and were therefore not made.
#include "mxray/checks/rules.hpp"

namespace mxray::checks {

void judge_target(const report::DomainEvidence& ev, FindingList& out) {
  if (ev.target.mx_lookup) return;
  if (ev.target.kind == "address") {
    out.add("target.address", {}, {}, N_("{address} port {port} was probed directly: no DNS lookup was made"),
            {{"address", ev.domain}, {"port", std::to_string(ev.port)}});
  } else {
    out.add("target.host", {}, {}, N_("{host} was probed as its own MX: no MX lookup was made"), {{"host", ev.domain}});
  }
}

}  // namespace mxray::checks
