// Next-certificate rules (--next-cert): would the certificate about to be deployed still let
// mail in? Its dates as of the moment judged, its names against every MX name, and DANE: a
// DANE-EE(3) record must match the new leaf, a DANE-TA(2) record a certificate above it
// (RFC 7672 section 3.1); where no usable record matches, DANE senders stop delivering.
#include "mxray/checks/rules.hpp"

namespace mxray::checks {
namespace {

const report::MxEvidence* mx_named(const report::DomainEvidence& ev, const std::string& host) {
  for (const auto& mx : ev.mx) {
    if (mx.host == host) return &mx;
  }
  return nullptr;
}

// The index of the first usable record that authenticates the new chain, or -1.
int matching_record(const report::MxEvidence& mx, const report::NextCertificateMx& m, bool name_ok) {
  for (std::size_t i = 0; i < mx.dane.records.size() && i < m.record_depths.size(); ++i) {
    const auto& r = mx.dane.records[i];
    const int depth = m.record_depths[i];
    if (!r.usable || depth < 0) continue;
    if (r.usage == 3 && depth == 0) return static_cast<int>(i);
    if (r.usage == 2 && depth >= 1 && name_ok) return static_cast<int>(i);  // DANE-TA still checks names (3.2.2)
  }
  return -1;
}

}  // namespace

void judge_next_certificate(const report::DomainEvidence& ev, long long at, FindingList& out) {
  const auto& next = ev.next_certificate;
  if (!next.given || next.chain.empty()) return;
  const auto& leaf = next.chain.front();
  if (leaf.not_after_epoch < at) {
    out.add("nextcert.expired", {}, {}, N_("{file}: {subject} ends on {date}"),
            {{"file", next.file}, {"subject", leaf.subject}, {"date", leaf.not_after}});
  } else if (leaf.not_before_epoch > at) {
    out.add("nextcert.not_yet_valid", {}, {}, N_("{file}: {subject} is valid only from {date}"),
            {{"file", next.file}, {"subject", leaf.subject}, {"date", leaf.not_before}});
  }
  for (const auto& m : next.mx) {
    const auto* mx = mx_named(ev, m.host);
    if (mx == nullptr) continue;
    const bool name_ok = !m.matched_name.empty();
    if (!name_ok) {
      std::string names;
      for (const auto& n : leaf.san) names += (names.empty() ? "" : ", ") + n;
      out.add("nextcert.name_mismatch", m.host, {}, N_("{host} is not among the new certificate's names: {names}"),
              {{"host", m.host}, {"names", names.empty() ? leaf.subject : names}});
    }
    bool dane_ok = true;
    if (dane_applies(*mx)) {
      const int record = matching_record(*mx, m, name_ok);
      dane_ok = record >= 0;
      if (dane_ok) {
        const auto& r = mx->dane.records[static_cast<std::size_t>(record)];
        out.add("nextcert.tlsa_match", m.host, {},
                N_("TLSA {usage} {selector} {matching} at {name} matches the new certificate"),
                {{"usage", std::to_string(r.usage)},
                 {"selector", std::to_string(r.selector)},
                 {"matching", std::to_string(r.matching_type)},
                 {"name", mx->dane.tlsa_name}});
      } else {
        out.add("nextcert.tlsa_mismatch", m.host, {},
                i18n::counted("the only TLSA record at {name} does not match {subject}",
                              "none of the {count} TLSA records at {name} matches {subject}", mx->dane.records.size(),
                              {{"count", std::to_string(mx->dane.records.size())},
                               {"name", mx->dane.tlsa_name},
                               {"subject", leaf.subject}}));
      }
    }
    if (name_ok && dane_ok) {
      out.add("nextcert.ok", m.host, {}, N_("the new certificate covers {host} as {name}"),
              {{"host", m.host}, {"name", m.matched_name}});
    }
  }
}

}  // namespace mxray::checks
