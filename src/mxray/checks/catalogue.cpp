// The findings catalogue; see catalogue.hpp. The entries live in catalogue_mail.cpp and
// catalogue_policy.cpp; the domain-wide ones are here. Ids are stable: never rename one.
#include "mxray/checks/catalogue.hpp"

#include <array>
#include <stdexcept>
#include <string>
#include <vector>

#include "mxray/checks/catalogue_parts.hpp"
#include "mxray/i18n/translate.hpp"

namespace mxray::checks {
namespace {

using S = Severity;

constexpr std::array kDomainFindings = {
    // Domain
    FindingDefinition{
        "domain.all_down", S::critical, N_("No mail server of this domain can be reached"),
        N_("Every address of every MX host failed, so mail for this domain is queued by senders and bounced after "
           "a few days."),
        N_("Bring at least one MX host back; the per-address findings say what failed where.")},
    FindingDefinition{
        "domain.primary_down", S::warning, N_("The primary MX is down while a backup answers"),
        N_("The MX with the lowest preference cannot be reached, so senders fall back to the backup. Mail still "
           "flows, but the backup must accept and forward everything, and it is often less well protected."),
        N_("Bring the primary MX back. If the dead MX is deliberate (nolisting), know that it delays some "
           "legitimate mail.")},
    FindingDefinition{
        "domain.nothing_verified", S::info, N_("Inconclusive: no mail server could be verified"),
        N_("No MX host completed an SMTP greeting (every answer was a temporary refusal such as 421 or "
           "greylisting, or the connections failed at mxray's end), and not all of them are down. Nothing about "
           "STARTTLS, certificates or relaying was tested, so the verdict is inconclusive, not pass."),
        N_("Rerun the check later or from another network; the per-address findings say what each server answered.")},
    FindingDefinition{
        "vantage.port25_blocked", S::info, N_("Not tested from here: every port-25 connection timed out"),
        N_("Every connection mxray made to port 25, at every MX host, timed out. That is what a network blocking "
           "outgoing port 25 looks like (common on home, office and cloud networks), so it says nothing about the "
           "servers: they were not tested."),
        N_("Run mxray from a host that may send mail, such as a mail server. To tell: `nc -vz ADDRESS 25` from "
           "here and from there; if only here times out, this network blocks port 25 (ask the provider or use "
           "another host).")},
    FindingDefinition{
        "vantage.no_ipv6", S::info, N_("Not tested from here: no IPv6 route"),
        N_("Connections to IPv6 addresses failed with \"network unreachable\": this host has no IPv6 route, so "
           "those addresses were not tested. IPv6 senders may still reach them."),
        N_("Run the check from a host with IPv6 (`ip -6 route show default` shows a route), or use -4 to check "
           "IPv4 only.")},
    FindingDefinition{
        "domain.backup_down", S::warning, N_("A backup MX is down"),
        N_("A higher-preference (backup) MX cannot be reached. Mail flows through the primary now, but nothing "
           "takes over when the primary fails."),
        N_("Bring the backup MX back, or remove its MX record.")},
};

}  // namespace

std::span<const FindingDefinition> catalogue() {
  static const std::vector<FindingDefinition> all = [] {
    std::vector<FindingDefinition> v;
    for (const auto part : {mail_findings(), policy_findings(), std::span<const FindingDefinition>(kDomainFindings),
                            postmaster_findings(), submission_findings(), front_end_findings()}) {
      v.insert(v.end(), part.begin(), part.end());
    }
    return v;
  }();
  return all;
}

const FindingDefinition& definition(std::string_view id) {
  for (const auto& d : catalogue()) {
    if (d.id == id) return d;
  }
  throw std::out_of_range("unknown finding id: " + std::string(id));
}

}  // namespace mxray::checks
