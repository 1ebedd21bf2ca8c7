// Decides whether mxray may connect to an address: loopback, private, link-local, CGNAT,
// multicast, reserved and IPv4-mapped ranges are refused unless the caller allows them.
// Applied to the address actually connected to, after DNS (DESIGN.md "Safety").
#pragma once

#include <boost/asio/ip/address.hpp>
#include <string>

namespace mxray::core {

/// Why an address is special, or empty when it is an ordinary public address.
std::string special_range(const boost::asio::ip::address& address);

}  // namespace mxray::core
