// Parsers for the record data mxray reads: MX (via ldns, from the answer packet), A and AAAA.
// Input is untrusted wire data; every length is checked and malformed records are skipped.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "mxray/dns/resolver.hpp"

namespace mxray::dns {

/// One MX record: preference and exchange host (lower case, no trailing dot; "" is the root).
struct MxRecord {
  int preference = 0;
  std::string exchange;
};

/// The MX records in an answer's answer section, in the order received.
std::vector<MxRecord> parse_mx(const DnsAnswer& answer);

/// The host names in a PTR answer (lower case, no trailing dot).
std::vector<std::string> parse_ptr(const DnsAnswer& answer);

/// The earliest expiration (epoch seconds) of the RRSIG records in an answer's answer section
/// that cover its query type, or 0 when the answer carries none (unsigned, or not passed on).
long long earliest_rrsig_expiry(const DnsAnswer& answer);

/// The reverse-lookup name of an address: d.c.b.a.in-addr.arpa or the ip6.arpa nibbles.
std::string reverse_name(const boost::asio::ip::address& address);

/// The A or AAAA addresses in an answer.
std::vector<boost::asio::ip::address> parse_addresses(const DnsAnswer& answer);

}  // namespace mxray::dns
