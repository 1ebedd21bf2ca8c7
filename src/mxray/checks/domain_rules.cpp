// Domain rules: is any MX reachable, is the primary or a backup down, and was anything verified.
#include <algorithm>

#include "mxray/checks/rules.hpp"

namespace mxray::checks {
namespace {

enum class MxState { unknown, up, down };

// An MX is up when one of its addresses greets with 220, down when every probed address failed.
MxState state_of(const report::DomainEvidence& ev, const report::MxEvidence& mx) {
  bool probed = false;
  bool deferred = false;
  for (const auto& a : mx.addresses) {
    if (answers(a)) return MxState::up;
    probed = probed || a.connect.attempted;
    // A temporary refusal (421 busy, greylisting) says nothing about tomorrow: not "down";
    // neither does a failure at mxray's own end (vantage_rules.cpp).
    deferred = deferred || (a.banner.received && a.banner.code >= 400 && a.banner.code < 500) || not_tested_here(ev, a);
  }
  if (deferred) return MxState::unknown;
  if (mx.addresses.empty() && !mx.host.empty()) return MxState::down;
  return probed ? MxState::down : MxState::unknown;
}

}  // namespace

void judge_domain(const report::DomainEvidence& ev, FindingList& out) {
  if (ev.null_mx || ev.mx.empty()) return;
  std::vector<MxState> states;
  for (const auto& mx : ev.mx) states.push_back(state_of(ev, mx));
  const bool any_up = std::find(states.begin(), states.end(), MxState::up) != states.end();
  const bool any_unknown = std::find(states.begin(), states.end(), MxState::unknown) != states.end();
  if (!any_up && !any_unknown) {
    out.add("domain.all_down", {}, {},
            i18n::counted("the only MX host did not greet mxray", "none of the {count} MX hosts greeted mxray",
                          ev.mx.size(), {{"count", std::to_string(ev.mx.size())}}));
    return;
  }
  if (!any_up) {
    out.add("domain.nothing_verified", {}, {},
            i18n::counted("the only MX host did not complete a greeting, and it is not down",
                          "none of the {count} MX hosts completed a greeting, and not all of them are down",
                          ev.mx.size(), {{"count", std::to_string(ev.mx.size())}}));
    return;
  }
  if (ev.mx.size() < 2) return;
  const int best = ev.mx.front().preference;
  // Nolisting: every address of the lowest-preference MX refuses the connection outright
  // while a backup answers. Deliberate nolisting or a dead server (a firewall change that cut
  // one MX off): mxray cannot tell, so it warns and names both readings.
  const auto refuses = [](const report::MxEvidence& mx) {
    return !mx.addresses.empty() && std::all_of(mx.addresses.begin(), mx.addresses.end(), [](const auto& a) {
      return a.connect.attempted && !a.connect.ok && a.connect.error_kind == "refused";
    });
  };
  if (states[0] == MxState::down && refuses(ev.mx[0])) {
    out.add("domain.nolisting", ev.mx[0].host, {},
            N_("{host} (preference {preference}) refuses connections; {backup} answers"),
            {{"host", ev.mx[0].host},
             {"preference", std::to_string(best)},
             {"backup",
              ev.mx[static_cast<std::size_t>(std::find(states.begin(), states.end(), MxState::up) - states.begin())]
                  .host}});
  }
  for (std::size_t i = 0; i < ev.mx.size(); ++i) {
    if (states[i] != MxState::down) continue;
    const i18n::Args args{{"host", ev.mx[i].host}, {"preference", std::to_string(ev.mx[i].preference)}};
    if (ev.mx[i].preference == best) {
      if (i == 0 && refuses(ev.mx[0])) continue;  // reported as nolisting above
      out.add("domain.primary_down", ev.mx[i].host, {},
              N_("{host} (preference {preference}) is down while another MX answers"), args);
    } else {
      out.add("domain.backup_down", ev.mx[i].host, {}, N_("{host} (preference {preference}) is down"), args);
    }
  }
}

}  // namespace mxray::checks
