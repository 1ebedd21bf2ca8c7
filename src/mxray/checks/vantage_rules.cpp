// Vantage rules: what failed at mxray's own end is "not tested from here", not the server's
// fault. Every port-25 connection of the whole check timing out looks like a network that blocks
// outgoing port 25 (home and cloud networks); "network unreachable" on IPv6 means no IPv6 route.
#include "mxray/checks/rules.hpp"

namespace mxray::checks {
namespace {

struct Counts {
  int attempted = 0;
  int timeouts = 0;
  int no_route_v6 = 0;
};

Counts count(const report::DomainEvidence& ev) {
  Counts c;
  for (const auto& mx : ev.mx) {
    for (const auto& a : mx.addresses) {
      if (!a.allowed || !a.connect.attempted) continue;
      ++c.attempted;
      if (!a.connect.ok && a.connect.error_kind == "timeout") ++c.timeouts;
      if (!a.connect.ok && a.connect.error_kind == "unreachable" && a.family == "ipv6") ++c.no_route_v6;
    }
  }
  return c;
}

// IPv6 addresses without a route are a vantage problem of their own: they do not make the IPv4
// timeouts any less "every connection that could leave timed out".
bool all_timed_out(const Counts& c) { return c.timeouts > 0 && c.timeouts == c.attempted - c.no_route_v6; }

}  // namespace

bool not_tested_here(const report::DomainEvidence& ev, const report::AddressEvidence& a) {
  if (!a.allowed || !a.connect.attempted || a.connect.ok) return false;
  if (a.family == "ipv6" && a.connect.error_kind == "unreachable") return true;
  return a.connect.error_kind == "timeout" && all_timed_out(count(ev));
}

void judge_vantage(const report::DomainEvidence& ev, FindingList& out) {
  const auto c = count(ev);
  if (all_timed_out(c)) {
    out.add("vantage.port25_blocked", {}, {},
            i18n::counted("{count} connection to port {port} timed out, at every MX",
                          "all {count} connections to port {port} timed out, at every MX",
                          static_cast<unsigned long long>(c.timeouts),
                          {{"count", std::to_string(c.timeouts)}, {"port", std::to_string(ev.port)}}));
  }
  if (c.no_route_v6 > 0) {
    out.add("vantage.no_ipv6", {}, {},
            i18n::counted("{count} IPv6 address could not be reached: network unreachable",
                          "{count} IPv6 addresses could not be reached: network unreachable",
                          static_cast<unsigned long long>(c.no_route_v6), {{"count", std::to_string(c.no_route_v6)}}));
  }
}

}  // namespace mxray::checks
