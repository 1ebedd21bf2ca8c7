// Who a request comes from: the TCP peer, or, only when that peer is a trusted proxy
// (--trusted-proxy), the rightmost hop of X-Forwarded-For or Forwarded (RFC 7239) that is not
// one. Header text is untrusted; it is bounded by the header limit and parsed without copies.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mxray::web {

/// An address block such as 10.0.0.0/8 or 2001:db8::/32; a bare address is /32 or /128.
struct Cidr {
  boost::asio::ip::address network;
  unsigned prefix = 0;
};

/// Parses "ADDR" or "ADDR/LEN"; nullopt when it is neither (bits beyond LEN are ignored).
std::optional<Cidr> parse_cidr(std::string_view text);

/// True when `address` (IPv4-mapped IPv6 counts as IPv4) lies in `block`.
bool cidr_contains(const Cidr& block, const boost::asio::ip::address& address);

/// True when `address` lies in one of `blocks`.
bool any_contains(const std::vector<Cidr>& blocks, const boost::asio::ip::address& address);

/// The key limits count under: an IPv4 address as text, an IPv6 address as its /64
/// ("2001:db8:1:2::/64"), since one subscriber usually holds a whole /64.
std::string client_key(const boost::asio::ip::address& address);

/// Which header a trusted proxy writes.
enum class ProxyHeader { x_forwarded_for, forwarded };

/// One hop of X-Forwarded-For ("192.0.2.1", "[2001:db8::1]:443", "192.0.2.1:80") or the `for=`
/// of one Forwarded element; nullopt for anything else ("unknown", obfuscated names, junk).
std::optional<boost::asio::ip::address> parse_hop(std::string_view hop, ProxyHeader kind);

/// The client's address. `header_values` are the values of every `kind` header line in
/// order; they count only when `peer` is in `trusted`. Walking from the right, trusted hops are
/// skipped; the first other hop is the client; a hop that cannot be read stops the walk at the
/// last trusted one (so a client cannot pick its own key with junk).
boost::asio::ip::address client_address(const boost::asio::ip::address& peer, const std::vector<Cidr>& trusted,
                                        const std::vector<std::string_view>& header_values, ProxyHeader kind);

}  // namespace mxray::web
