// See session_plan.hpp. The DANE signature of an MX is what its handshake must be verified
// against: the TLSA records when they apply (RFC 7672), else nothing. Two names with the same
// signature can share one handshake; a name without DANE can share any.
#include "mxray/pipeline/session_plan.hpp"

#include <algorithm>
#include <map>

namespace mxray::pipeline {
namespace {

void add_name(PlannedSession& s, const report::MxEvidence& mx) {
  for (const auto* name : {&mx.host, &mx.cname_target}) {
    if (!name->empty() && std::find(s.other_names.begin(), s.other_names.end(), *name) == s.other_names.end()) {
      s.other_names.push_back(*name);
    }
  }
}

// The certificate's name match as seen from `mx` (its own name, then its CNAME target).
void match_names_for(const report::MxEvidence& mx, report::CertificateEvidence& cert) {
  cert.matched_name.clear();
  for (const auto* name : {&mx.host, &mx.cname_target}) {
    if (const auto it = cert.name_matches.find(*name); !name->empty() && it != cert.name_matches.end()) {
      cert.matched_name = it->second;
      break;
    }
  }
  cert.hostname_match = !cert.matched_name.empty();
}

}  // namespace

std::string dane_signature(const report::MxEvidence& mx) {
  if (!mx.dane.applies) return {};
  // DANE-EE (usage 3) ignores names; DANE-TA (usage 2) checks the name, so it is part of it.
  const bool names_matter = std::any_of(mx.dane.records.begin(), mx.dane.records.end(),
                                        [](const report::TlsaRecord& r) { return r.usage == 2; });
  std::string sig = names_matter ? mx.dane.base_domain : "";
  for (const auto& r : mx.dane.records) {
    sig += '|' + std::to_string(r.usage) + ' ' + std::to_string(r.selector) + ' ' + std::to_string(r.matching_type) +
           ' ' + r.data;
  }
  return sig;
}

std::vector<PlannedSession> plan_sessions(const report::DomainEvidence& ev) {
  std::vector<PlannedSession> plan;
  struct ByAddress {
    std::size_t full = 0;
    std::map<std::string, std::size_t> by_signature;
  };
  std::map<std::string, ByAddress> seen;
  for (std::size_t m = 0; m < ev.mx.size(); ++m) {
    const auto& mx = ev.mx[m];
    if (mx.ip_literal) continue;
    const auto sig = dane_signature(mx);
    for (std::size_t a = 0; a < mx.addresses.size(); ++a) {
      const auto& ip = mx.addresses[a].ip;
      auto it = seen.find(ip);
      if (it == seen.end()) {
        seen[ip] = ByAddress{plan.size(), {{sig, plan.size()}}};
        plan.push_back(PlannedSession{m, a, false, -1, {}, {}});
        continue;
      }
      auto& by = it->second;
      std::size_t from = by.full;
      if (!sig.empty()) {
        if (const auto s = by.by_signature.find(sig); s != by.by_signature.end()) {
          from = s->second;
        } else {
          by.by_signature[sig] = plan.size();
          plan.push_back(PlannedSession{m, a, true, static_cast<int>(by.full), {}, {}});
          add_name(plan[by.full], mx);
          continue;
        }
      }
      plan[from].copies.emplace_back(m, a);
      add_name(plan[from], mx);
    }
  }
  return plan;
}

void share_evidence(report::DomainEvidence& ev, const std::vector<PlannedSession>& plan) {
  const auto entry = [&ev](std::size_t m, std::size_t a) -> report::AddressEvidence& { return ev.mx[m].addresses[a]; };
  // A TLS-only session takes everything but its own handshake from the address's full session.
  for (const auto& s : plan) {
    if (!s.tls_only || s.base < 0) continue;
    const auto& base = plan[static_cast<std::size_t>(s.base)];
    auto& own = entry(s.mx, s.address);
    auto merged = entry(base.mx, base.address);
    merged.starttls = own.starttls;
    merged.ehlo_tls = own.ehlo_tls;
    merged.certificate = own.certificate;
    merged.dane = own.dane;
    merged.reverse_dns = own.reverse_dns;
    merged.evidence_from = ev.mx[base.mx].host;
    own = std::move(merged);
  }
  for (const auto& s : plan) {
    const auto& source = entry(s.mx, s.address);
    const bool source_dane = ev.mx[s.mx].dane.applies;
    for (const auto& [m, a] : s.copies) {
      auto& dst = entry(m, a);
      auto reverse = std::move(dst.reverse_dns);
      dst = source;
      dst.reverse_dns = std::move(reverse);
      dst.evidence_from = ev.mx[s.mx].host;
      if (source_dane && !ev.mx[m].dane.applies) dst.dane = {};
      match_names_for(ev.mx[m], dst.certificate);
    }
  }
  // Which other MX names each address serves, for every entry of it.
  std::map<std::string, std::vector<std::string>> names_at;
  for (const auto& mx : ev.mx) {
    if (mx.ip_literal) continue;
    for (const auto& a : mx.addresses) {
      auto& names = names_at[a.ip];
      if (std::find(names.begin(), names.end(), mx.host) == names.end()) names.push_back(mx.host);
    }
  }
  for (auto& mx : ev.mx) {
    for (auto& a : mx.addresses) {
      a.shared_with.clear();
      for (const auto& name : names_at[a.ip]) {
        if (name != mx.host) a.shared_with.push_back(name);
      }
    }
  }
}

}  // namespace mxray::pipeline
