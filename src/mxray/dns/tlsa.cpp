// TLSA parsing and DANE applicability; see tlsa.hpp. Usages 0 and 1 are parsed but marked
// unusable: RFC 7672 section 3.1.3 says SMTP clients treat them as unusable.
#include "mxray/dns/tlsa.hpp"
#include "mxray/core/text.hpp"

namespace mxray::dns {

std::string to_hex(std::span<const std::uint8_t> bytes) { return core::hex_lower(bytes.data(), bytes.size()); }

std::optional<report::TlsaRecord> parse_tlsa(std::span<const std::uint8_t> rdata, std::size_t max_data) {
  if (rdata.size() < 4 || rdata.size() - 3 > max_data) return std::nullopt;
  report::TlsaRecord r;
  r.usage = rdata[0];
  r.selector = rdata[1];
  r.matching_type = rdata[2];
  const auto data = rdata.subspan(3);
  r.data = to_hex(data);
  if (r.usage == 0 || r.usage == 1) {
    r.unusable_reason = "usage " + std::to_string(r.usage) + (r.usage == 0 ? " (PKIX-TA)" : " (PKIX-EE)") +
                        " is unusable for SMTP (RFC 7672 section 3.1.3)";
  } else if (r.usage > 3) {
    r.unusable_reason = "unknown usage " + std::to_string(r.usage);
  } else if (r.selector > 1) {
    r.unusable_reason = "unknown selector " + std::to_string(r.selector);
  } else if (r.matching_type > 2) {
    r.unusable_reason = "unknown matching type " + std::to_string(r.matching_type);
  } else if (r.matching_type == 1 && data.size() != 32) {
    r.unusable_reason = "SHA-256 data of " + std::to_string(data.size()) + " bytes instead of 32";
  } else if (r.matching_type == 2 && data.size() != 64) {
    r.unusable_reason = "SHA-512 data of " + std::to_string(data.size()) + " bytes instead of 64";
  }
  r.usable = r.unusable_reason.empty();
  return r;
}

void fill_dane(const DnsAnswer& answer, const std::string& base_domain, const core::Limits& limits,
               report::DaneEvidence& dane, int port) {
  dane.looked_up = true;
  dane.base_domain = base_domain;
  dane.tlsa_name = "_" + std::to_string(port) + "._tcp." + base_domain;
  dane.dnssec = answer.dnssec;
  dane.rcode = answer.rcode;
  dane.nxdomain = answer.nxdomain;
  dane.why_bogus = answer.why_bogus;
  dane.records.clear();
  if (!answer.error.empty()) {
    dane.error = answer.error;
  } else if (answer.rcode != 0 && !answer.nxdomain) {
    dane.error = answer.rcode == 2 ? "SERVFAIL" : "RCODE " + std::to_string(answer.rcode);
  }
  for (const auto& rd : answer.rdata) {
    if (dane.records.size() >= limits.max_tlsa_records) {
      dane.records_truncated = true;
      break;
    }
    if (auto r = parse_tlsa(rd, limits.max_cert_bytes)) dane.records.push_back(std::move(*r));
  }
  // Whether these records apply (DNSSEC of the TLSA and address answers, usable records) is
  // the judge's decision: checks::dane_applies.
  dane.applies = false;
}

}  // namespace mxray::dns
