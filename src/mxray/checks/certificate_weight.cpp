// Certificate findings weighed by how senders authenticate the server (RFC 7672 section 3.1,
// RFC 8461 section 4.2): under a matched DANE-EE record the certificate's dates, name and issuer
// do not matter to DANE senders (info); under DANE-TA only its issuer does not; under MTA-STS
// enforce an untrusted, mismatched or outdated certificate means policy-honouring senders refuse
// (critical); otherwise only senders that verify certificates are affected (the catalogue's level).
#include <algorithm>
#include <array>

#include "mxray/checks/mta_sts_outcome.hpp"
#include "mxray/checks/rules.hpp"
#include "mxray/checks/status.hpp"

namespace mxray::checks {
namespace {

constexpr std::array<std::string_view, 6> kDateOrName = {"cert.expired",       "cert.not_yet_valid",
                                                         "cert.expiring",      "cert.name_mismatch",
                                                         "cert.chain_expired", "cert.chain_expiring"};
constexpr std::array<std::string_view, 3> kTrust = {"cert.self_signed", "cert.incomplete_chain", "cert.untrusted"};

template <std::size_t N>
bool among(const std::array<std::string_view, N>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// The usage (2 DANE-TA, 3 DANE-EE) of the TLSA record that authenticated `a`, or -1.
int dane_usage(const report::MxEvidence& mx, const report::AddressEvidence& a) {
  if (!dane_applies(mx) || !a.dane.checked || !a.dane.matched || a.dane.matched_record < 0) return -1;
  const auto i = static_cast<std::size_t>(a.dane.matched_record);
  return i < mx.dane.records.size() ? mx.dane.records[i].usage : -1;
}

void set(Finding& f, Severity s) {
  f.severity = s;
  f.status = status_of(f);
}

}  // namespace

void weigh_certificates(const report::DomainEvidence& ev, std::vector<Finding>& findings) {
  std::vector<Finding> notes;
  for (const auto& mx : ev.mx) {
    const bool enforce = sts_enforced_for(ev, mx.host);
    for (const auto& a : mx.addresses) {
      const int usage = dane_usage(mx, a);
      std::string ignored;
      for (auto& f : findings) {
        if (f.mx != mx.host || f.ip != a.ip) continue;
        const bool date_or_name = among(kDateOrName, f.id);
        const bool trust = among(kTrust, f.id);
        if (!date_or_name && !trust) continue;
        if (enforce && f.id != "cert.expiring") {
          set(f, Severity::critical);  // MTA-STS senders refuse this address (mtasts.enforce_tls_invalid)
        } else if (usage == 3 || (usage == 2 && trust)) {
          set(f, Severity::info);
          ignored += (ignored.empty() ? "" : ", ") + f.id;
        }
      }
      if (!ignored.empty()) {
        FindingList list;
        list.add("cert.dane_authenticated", mx.host, a.ip,
                 usage == 3 ? N_("TLSA usage 3 (DANE-EE) matched, so DANE senders do not check {problems}")
                            : N_("TLSA usage 2 (DANE-TA) matched, so DANE senders do not check {problems}"),
                 {{"problems", ignored}});
        for (auto& n : list.items()) notes.push_back(std::move(n));
      }
    }
  }
  for (auto& n : notes) findings.push_back(std::move(n));
}

}  // namespace mxray::checks
