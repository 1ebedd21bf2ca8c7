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
    FindingDefinition{"domain.all_down", S::critical,
     N_("No mail server of this domain can be reached"),
     N_("Every address of every MX host failed, so mail for this domain is queued by senders and bounced after "
     "a few days."),
     N_("Bring at least one MX host back; the per-address findings say what failed where.")},
    FindingDefinition{"domain.primary_down", S::warning,
     N_("The primary MX is down while a backup answers"),
     N_("The MX with the lowest preference cannot be reached, so senders fall back to the backup. Mail still "
     "flows, but the backup must accept and forward everything, and it is often less well protected."),
     N_("Bring the primary MX back. If the dead MX is deliberate (nolisting), know that it delays some "
     "legitimate mail.")},
    FindingDefinition{"domain.backup_down", S::warning,
     N_("A backup MX is down"),
     N_("A higher-preference (backup) MX cannot be reached. Mail flows through the primary now, but nothing "
     "takes over when the primary fails."),
     N_("Bring the backup MX back, or remove its MX record.")},
};

}  // namespace

std::span<const FindingDefinition> catalogue() {
  static const std::vector<FindingDefinition> all = [] {
    std::vector<FindingDefinition> v;
    for (const auto part : {mail_findings(), policy_findings(), std::span<const FindingDefinition>(kDomainFindings)}) {
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
