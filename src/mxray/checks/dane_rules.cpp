// DANE rules (RFC 7672): TLSA answer state, unusable usages, per-address verification,
// rollover hygiene, and the interplay with MTA-STS (RFC 8461 section 2).
#include <set>

#include "mxray/checks/rules.hpp"

namespace mxray::checks {
std::string record_text(const report::TlsaRecord& r) {
  const auto data = r.data.size() > 16 ? r.data.substr(0, 16) + "..." : r.data;
  return std::to_string(r.usage) + " " + std::to_string(r.selector) + " " + std::to_string(r.matching_type) + " " +
         data;
}

namespace {

bool reached_tls_stage(const report::AddressEvidence& a) {
  return a.allowed && a.connect.ok && a.banner.received && a.banner.code == 220 && a.ehlo.code == 250;
}

// The certificates (by fingerprint) record `i` matched over all addresses.
std::set<std::string> keys_of(const report::MxEvidence& mx, std::size_t i) {
  std::set<std::string> keys;
  for (const auto& a : mx.addresses) {
    if (i >= a.dane.record_depths.size()) continue;
    const int d = a.dane.record_depths[i];
    if (d >= 0 && static_cast<std::size_t>(d) < a.certificate.chain.size()) {
      keys.insert(a.certificate.chain[static_cast<std::size_t>(d)].sha256);
    }
  }
  return keys;
}

void judge_applied(const report::DomainEvidence& ev, const report::MxEvidence& mx, FindingList& out) {
  const auto& d = mx.dane;
  bool any_matched = false;
  for (const auto& a : mx.addresses) {
    if (!reached_tls_stage(a)) continue;
    if (a.starttls.offered && !a.starttls.attempted) continue;  // the session ended first: not tested
    if (!a.dane.checked) {
      if (!a.starttls.offered) {
        out.add("dane.no_tls", mx.host, a.ip, N_("STARTTLS is not offered"));
      } else {
        out.add("dane.no_tls", mx.host, a.ip, N_("STARTTLS failed: {error}"), {{"error", a.starttls.error}});
      }
    } else if (!a.dane.matched) {
      out.add("dane.no_match", mx.host, a.ip, N_("no TLSA record of {name} authenticates the chain: {error}"),
              {{"name", d.tlsa_name}, {"error", a.dane.error}});
    } else {
      any_matched = true;
      const auto idx = static_cast<std::size_t>(a.dane.matched_record);
      const auto rec = a.dane.matched_record >= 0 && idx < d.records.size() ? record_text(d.records[idx]) : "?";
      out.add("dane.ok", mx.host, a.ip, N_("TLSA {record} matched the certificate at depth {depth}"),
              {{"record", rec}, {"depth", std::to_string(a.dane.depth)}});
    }
  }
  std::vector<std::size_t> usable;
  for (std::size_t i = 0; i < d.records.size(); ++i) {
    if (d.records[i].usable) usable.push_back(i);
  }
  bool unmatched = false;
  if (any_matched) {
    for (const auto i : usable) {
      if (keys_of(mx, i).empty()) {
        unmatched = true;
        out.add("dane.record_unmatched", mx.host, {},
                N_("TLSA {record} at {name} matches no certificate presented by any address"),
                {{"record", record_text(d.records[i])}, {"name", d.tlsa_name}});
      }
    }
  }
  if (usable.size() == 1) {
    out.add("dane.single_key", mx.host, {}, N_("{name} has a single usable TLSA record"), {{"name", d.tlsa_name}});
  } else if (any_matched && !unmatched && !usable.empty()) {
    const auto first = keys_of(mx, usable.front());
    bool same = true;
    for (const auto i : usable) same = same && keys_of(mx, i) == first;
    if (same) {
      out.add("dane.single_key", mx.host, {}, N_("every TLSA record of {name} matches the same certificate"),
              {{"name", d.tlsa_name}});
    }
  }
  const bool sts = !ev.mta_sts.sts_records.empty() || ev.mta_sts.fetch.ok;
  if (sts) {
    out.add("dane.mta_sts_ignored", mx.host, {},
            N_("{host} has usable TLSA records, so DANE senders skip MTA-STS for it"), {{"host", mx.host}});
  }
}

}  // namespace

bool dane_applies(const report::MxEvidence& mx) {
  const auto& d = mx.dane;
  if (!d.looked_up || !d.error.empty() || d.dnssec != "secure" || mx.dnssec != "secure") return false;
  for (const auto& r : d.records) {
    if (r.usable) return true;
  }
  return false;
}

void judge_dane(const report::DomainEvidence& ev, const report::MxEvidence& mx, FindingList& out) {
  const auto& d = mx.dane;
  if (mx.host.empty() || mx.ip_literal || !d.looked_up) return;
  if (d.dnssec == "bogus") {
    out.add("dane.bogus", mx.host, {}, N_("the TLSA answer for {name} is bogus: {why}"),
            {{"name", d.tlsa_name}, {"why", d.why_bogus.empty() ? std::string("-") : d.why_bogus}});
    return;
  }
  if (!d.error.empty()) {
    if (mx.dnssec == "secure") {
      out.add("dane.lookup_failed", mx.host, {}, N_("{name}: {error}"), {{"name", d.tlsa_name}, {"error", d.error}});
    }
    return;
  }
  if (d.records.empty()) {
    if (mx.dnssec == "secure" && !mx.addresses.empty()) {
      out.add("dane.missing", mx.host, {}, N_("{host} is DNSSEC-signed but {name} has no TLSA record"),
              {{"host", mx.host}, {"name", d.tlsa_name}});
    }
    return;
  }
  if (d.dnssec != "secure") {
    out.add("dane.unsigned_tlsa", mx.host, {},
            i18n::counted("{count} TLSA record at {name} is not DNSSEC-signed: senders ignore it",
                          "{count} TLSA records at {name} are not DNSSEC-signed: senders ignore them", d.records.size(),
                          {{"count", std::to_string(d.records.size())}, {"name", d.tlsa_name}}));
    return;
  }
  std::string unusable;
  for (const auto& r : d.records) {
    if (!r.usable && (r.usage == 0 || r.usage == 1)) unusable += (unusable.empty() ? "" : "; ") + record_text(r);
  }
  if (!unusable.empty()) {
    out.add("dane.unusable_usage", mx.host, {}, N_("{name}: {records}"),
            {{"name", d.tlsa_name}, {"records", unusable}});
  }
  if (dane_applies(mx)) judge_applied(ev, mx, out);
}

}  // namespace mxray::checks
