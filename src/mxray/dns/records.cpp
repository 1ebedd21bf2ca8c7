// Record parsers; see records.hpp. ldns does the wire-format work for names.
#include "mxray/dns/records.hpp"
#include "mxray/core/text.hpp"
#include "mxray/dns/ldns_handles.hpp"

#include <ldns/ldns.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>

namespace mxray::dns {
std::string dname_text(const ldns_rdf* rdf) {
  char* raw = ldns_rdf2str(rdf);
  if (raw == nullptr) return {};
  std::string s(raw);
  free(raw);
  return core::normal_name(s);
}

std::vector<MxRecord> parse_mx(const DnsAnswer& answer) {
  std::vector<MxRecord> out;
  if (answer.packet.empty()) return out;
  ldns_pkt* raw = nullptr;
  if (ldns_wire2pkt(&raw, answer.packet.data(), answer.packet.size()) != LDNS_STATUS_OK) return out;
  std::unique_ptr<ldns_pkt, PktDeleter> pkt(raw);
  std::unique_ptr<ldns_rr_list, RrListDeleter> list(
      ldns_pkt_rr_list_by_type(pkt.get(), LDNS_RR_TYPE_MX, LDNS_SECTION_ANSWER));
  if (!list) return out;
  for (std::size_t i = 0; i < ldns_rr_list_rr_count(list.get()); ++i) {
    const ldns_rr* rr = ldns_rr_list_rr(list.get(), i);
    if (ldns_rr_rd_count(rr) != 2) continue;
    const ldns_rdf* pref = ldns_rr_rdf(rr, 0);
    const ldns_rdf* host = ldns_rr_rdf(rr, 1);
    if (ldns_rdf_get_type(pref) != LDNS_RDF_TYPE_INT16 || ldns_rdf_get_type(host) != LDNS_RDF_TYPE_DNAME) {
      continue;
    }
    out.push_back({ldns_rdf2native_int16(pref), dname_text(host)});
  }
  return out;
}

std::vector<std::string> parse_ptr(const DnsAnswer& answer) {
  std::vector<std::string> out;
  if (answer.packet.empty()) return out;
  ldns_pkt* raw = nullptr;
  if (ldns_wire2pkt(&raw, answer.packet.data(), answer.packet.size()) != LDNS_STATUS_OK) return out;
  std::unique_ptr<ldns_pkt, PktDeleter> pkt(raw);
  std::unique_ptr<ldns_rr_list, RrListDeleter> list(
      ldns_pkt_rr_list_by_type(pkt.get(), LDNS_RR_TYPE_PTR, LDNS_SECTION_ANSWER));
  if (!list) return out;
  for (std::size_t i = 0; i < ldns_rr_list_rr_count(list.get()); ++i) {
    const ldns_rr* rr = ldns_rr_list_rr(list.get(), i);
    if (ldns_rr_rd_count(rr) != 1 || ldns_rdf_get_type(ldns_rr_rdf(rr, 0)) != LDNS_RDF_TYPE_DNAME) continue;
    out.push_back(dname_text(ldns_rr_rdf(rr, 0)));
  }
  return out;
}

long long earliest_rrsig_expiry(const DnsAnswer& answer) {
  if (answer.packet.empty()) return 0;
  ldns_pkt* raw = nullptr;
  if (ldns_wire2pkt(&raw, answer.packet.data(), answer.packet.size()) != LDNS_STATUS_OK) return 0;
  std::unique_ptr<ldns_pkt, PktDeleter> pkt(raw);
  std::unique_ptr<ldns_rr_list, RrListDeleter> list(
      ldns_pkt_rr_list_by_type(pkt.get(), LDNS_RR_TYPE_RRSIG, LDNS_SECTION_ANSWER));
  if (!list) return 0;
  long long earliest = 0;
  for (std::size_t i = 0; i < ldns_rr_list_rr_count(list.get()); ++i) {
    const ldns_rr* rr = ldns_rr_list_rr(list.get(), i);
    const ldns_rdf* covered = ldns_rr_rrsig_typecovered(rr);
    const ldns_rdf* expiration = ldns_rr_rrsig_expiration(rr);
    if (covered == nullptr || expiration == nullptr || ldns_rdf_size(covered) != 2 || ldns_rdf_size(expiration) != 4) {
      continue;
    }
    if (ldns_rdf2native_int16(covered) != answer.qtype) continue;
    // RFC 4034 3.1.5: a 32-bit serial number of seconds; read as unsigned, it holds until 2106.
    const long long at = ldns_rdf2native_int32(expiration);
    if (earliest == 0 || at < earliest) earliest = at;
  }
  return earliest;
}

std::string reverse_name(const boost::asio::ip::address& address) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  if (address.is_v4()) {
    const auto b = address.to_v4().to_bytes();
    for (int i = 3; i >= 0; --i) out += std::to_string(b[static_cast<std::size_t>(i)]) + ".";
    return out + "in-addr.arpa";
  }
  const auto b = address.to_v6().to_bytes();
  for (int i = 15; i >= 0; --i) {
    const auto byte = b[static_cast<std::size_t>(i)];
    out += kHex[byte & 0x0f];
    out += '.';
    out += kHex[byte >> 4];
    out += '.';
  }
  return out + "ip6.arpa";
}

std::vector<boost::asio::ip::address> parse_addresses(const DnsAnswer& answer) {
  std::vector<boost::asio::ip::address> out;
  for (const auto& rd : answer.rdata) {
    if (answer.qtype == rrtype::kA && rd.size() == 4) {
      std::array<unsigned char, 4> b{};
      std::copy(rd.begin(), rd.end(), b.begin());
      out.emplace_back(boost::asio::ip::address_v4(b));
    } else if (answer.qtype == rrtype::kAaaa && rd.size() == 16) {
      std::array<unsigned char, 16> b{};
      std::copy(rd.begin(), rd.end(), b.begin());
      out.emplace_back(boost::asio::ip::address_v6(b));
    }
  }
  return out;
}

}  // namespace mxray::dns
