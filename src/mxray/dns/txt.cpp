// TXT parsing; see txt.hpp. A malformed record is skipped, not guessed at.
#include "mxray/dns/txt.hpp"

#include "mxray/core/printable.hpp"

namespace mxray::dns {

std::optional<std::string> parse_txt(std::span<const std::uint8_t> rdata, std::size_t max_bytes) {
  std::string out;
  std::size_t at = 0;
  while (at < rdata.size()) {
    const std::size_t len = rdata[at];
    ++at;
    if (len > rdata.size() - at) return std::nullopt;
    if (out.size() + len > max_bytes) return std::nullopt;
    out.append(reinterpret_cast<const char*>(rdata.data() + at), len);
    at += len;
  }
  return out;
}

report::TxtLookup txt_lookup(const DnsAnswer& answer, const core::Limits& limits) {
  report::TxtLookup t;
  t.name = answer.qname;
  t.dnssec = answer.dnssec;
  t.rcode = answer.rcode;
  t.nxdomain = answer.nxdomain;
  if (!answer.error.empty()) {
    t.error = answer.error;
  } else if (answer.rcode != 0 && !answer.nxdomain) {
    t.error = answer.rcode == 2 ? "SERVFAIL" : "RCODE " + std::to_string(answer.rcode);
  }
  for (const auto& rd : answer.rdata) {
    if (t.records.size() >= limits.max_txt_records) break;
    if (auto s = parse_txt(rd, limits.max_txt_bytes)) t.records.push_back(core::printable(*s));
  }
  return t;
}

}  // namespace mxray::dns
