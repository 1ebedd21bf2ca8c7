// Decides whether mxray may connect to an address: loopback, private, link-local, CGNAT,
// multicast, reserved, IPv4-mapped and IPv4-embedding (6to4, Teredo, NAT64) ranges are refused
// unless the caller allows them; operator prefixes (--deny-prefix) are refused always.
// Applied to the address actually connected to, after DNS (DESIGN.md "Safety").
#pragma once

#include <boost/asio/ip/address.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mxray::core {

/// Why an address is special, or empty when it is an ordinary public address.
std::string special_range(const boost::asio::ip::address& address);

/// An address prefix such as 192.0.2.0/24 or 2001:db8::/32.
struct Prefix {
  boost::asio::ip::address network;
  int bits = 0;
  std::string text;  // as written
};

/// Parses ADDR/BITS (a bare address means the one address); nullopt when malformed or the
/// bits exceed the family's length.
std::optional<Prefix> parse_prefix(std::string_view text);

/// Whether `address` lies in `prefix` (families must agree; IPv4-mapped IPv6 counts as IPv4).
bool contains(const Prefix& prefix, const boost::asio::ip::address& address);

/// The text of the first prefix of `deny` that contains `address`, or empty.
std::string denied_by(const boost::asio::ip::address& address, const std::vector<Prefix>& deny);

}  // namespace mxray::core
