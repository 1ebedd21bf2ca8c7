// Who a request comes from: the TCP peer, or, only when that peer is a trusted proxy
// (--trusted-proxy), the rightmost hop of X-Forwarded-For or Forwarded (RFC 7239) that is not
// one. Header text is untrusted; it is bounded by the header limit and parsed without copies.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mxray/core/address_policy.hpp"

namespace mxray::web {

/// A trusted proxy's address block (10.0.0.0/8, 2001:db8::/32, or one address): core's prefix.
using Cidr = core::Prefix;

/// True when `address` (IPv4-mapped IPv6 counts as IPv4) lies in one of `blocks`.
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
